package com.fairtradeworker.jobs;

import com.fairtradeworker.audit.AuditEntry;
import com.fairtradeworker.audit.AuditLog;
import com.fairtradeworker.jobs.JobEvents.JobAwarded;
import com.fairtradeworker.jobs.JobEvents.JobCompleted;
import com.fairtradeworker.jobs.JobEvents.JobStarted;
import com.fairtradeworker.shared.NotFoundException;
import com.fairtradeworker.timers.DueTimers;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * How later stages move a job: bidding checks that a job takes bids, acceptance awards it, funding starts it, the end of
 * the contract completes or cancels it. Each call joins the caller's transaction and locks the job row.
 */
@Service
public class JobsApi {

    private final JobRepository jobs;
    private final DueTimers timers;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    JobsApi(JobRepository jobs, DueTimers timers, AuditLog audit, ApplicationEventPublisher events, Clock clock) {
        this.jobs = jobs;
        this.timers = timers;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    public Optional<JobSnapshot> find(UUID jobId) {
        return jobs.find(jobId).map(Job::snapshot);
    }

    /**
     * For placing or revising a bid: takes a shared lock (bids may be placed side by side, acceptance waits for them
     * and they wait for acceptance) and returns the job; whether bidding is still open is the caller's rule.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public JobSnapshot lockForBidding(UUID jobId) {
        return jobs.lockShared(jobId).map(Job::snapshot).orElseThrow(() -> new NotFoundException("job"));
    }

    /** For acceptance: locks the homeowner's job; another user's job answers like a missing one. */
    @Transactional(propagation = Propagation.MANDATORY)
    public JobSnapshot lockOwnedBy(UUID jobId, UUID homeownerId) {
        return jobs.lock(jobId)
                .filter(job -> job.homeownerId().equals(homeownerId))
                .map(Job::snapshot)
                .orElseThrow(() -> new NotFoundException("job"));
    }

    /** OPEN -> AWARDED when a bid is accepted; bidding closes and the expiry clock stops. */
    @Transactional(propagation = Propagation.MANDATORY)
    public JobSnapshot award(UUID jobId, UUID actorId) {
        Job job = move(jobId, JobStatus.AWARDED, actorId, "JOB_AWARDED");
        timers.cancel(JobService.ACCEPTANCE_WINDOW_ENDS, jobId);
        events.publishEvent(new JobAwarded(jobId));
        return job.snapshot();
    }

    /** AWARDED -> IN_PROGRESS in the transaction that makes the contract FUNDED. */
    @Transactional(propagation = Propagation.MANDATORY)
    public JobSnapshot start(UUID jobId, UUID actorId) {
        Job job = move(jobId, JobStatus.IN_PROGRESS, actorId, "JOB_STARTED");
        events.publishEvent(new JobStarted(jobId));
        return job.snapshot();
    }

    /** IN_PROGRESS -> COMPLETED when the contract ends with money released. */
    @Transactional(propagation = Propagation.MANDATORY)
    public JobSnapshot complete(UUID jobId, UUID actorId) {
        Job job = move(jobId, JobStatus.COMPLETED, actorId, "JOB_COMPLETED");
        events.publishEvent(new JobCompleted(jobId));
        return job.snapshot();
    }

    /** AWARDED | IN_PROGRESS -> CANCELLED when the contract is cancelled or ends fully refunded. */
    @Transactional(propagation = Propagation.MANDATORY)
    public JobSnapshot cancelAfterAward(UUID jobId, UUID actorId) {
        Job current = jobs.lock(jobId).orElseThrow(() -> new NotFoundException("job"));
        if (current.status() == JobStatus.OPEN || current.status() == JobStatus.DRAFT) {
            throw JobService.stateConflict(current, "Only an awarded job is cancelled through its contract.");
        }
        Job job = move(jobId, JobStatus.CANCELLED, actorId, "JOB_CANCELLED");
        events.publishEvent(new JobEvents.JobCancelled(jobId, current.status()));
        return job.snapshot();
    }

    private Job move(UUID jobId, JobStatus next, UUID actorId, String action) {
        Job job = jobs.lock(jobId).orElseThrow(() -> new NotFoundException("job"));
        Instant now = clock.instant();
        Job moved = job.moveTo(next, now);
        jobs.update(moved, now);
        AuditEntry entry = actorId == null
                ? AuditEntry.bySystem(action, "job", jobId)
                : AuditEntry.byUser(actorId, action, "job", jobId);
        audit.record(entry.with(Map.of("from", job.status(), "to", next)));
        return moved;
    }
}
