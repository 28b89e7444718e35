package com.fairtradeworker.jobs;

import com.fairtradeworker.audit.AuditEntry;
import com.fairtradeworker.audit.AuditLog;
import com.fairtradeworker.jobs.JobEvents.JobExpired;
import com.fairtradeworker.timers.TimerHandler;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The acceptance window after the bidding deadline ran out with nobody accepted: the job EXPIRES (its bids are
 * rejected by the bidding module in the same transaction, reacting to {@link JobExpired}).
 */
@Component
class JobExpiry implements TimerHandler {

    private final JobRepository jobs;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    JobExpiry(JobRepository jobs, AuditLog audit, ApplicationEventPublisher events, Clock clock) {
        this.jobs = jobs;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return JobService.ACCEPTANCE_WINDOW_ENDS;
    }

    @Override
    public void onDue(UUID jobId, Instant dueAt) {
        Job job = jobs.lock(jobId).orElse(null);
        if (job == null || job.status() != JobStatus.OPEN) {
            return; // awarded or cancelled meanwhile: nothing to expire
        }
        Instant now = clock.instant();
        jobs.update(job.moveTo(JobStatus.EXPIRED, now), now);
        audit.record(AuditEntry.bySystem("JOB_EXPIRED", "job", jobId).with(Map.of("from", "OPEN", "dueAt", dueAt)));
        events.publishEvent(new JobExpired(jobId));
    }
}
