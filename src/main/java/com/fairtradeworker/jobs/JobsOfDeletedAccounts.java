package com.fairtradeworker.jobs;

import com.fairtradeworker.jobs.JobEvents.JobCancelled;
import com.fairtradeworker.profiles.AccountDeleted;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * When a homeowner deletes their account (in the same transaction): their draft and open jobs are cancelled (bids on
 * them are rejected in turn), and the address of every job they posted is erased, its location coarsened to about
 * 10 km. Job titles and descriptions stay: they describe work, and contracts refer to them.
 */
@Component
class JobsOfDeletedAccounts {

    private final JobRepository jobs;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    JobsOfDeletedAccounts(JobRepository jobs, JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jobs = jobs;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    @EventListener
    void on(AccountDeleted deleted) {
        Instant now = clock.instant();
        List<UUID> live = jdbc.sql("SELECT id FROM jobs WHERE homeowner_id = ? AND status IN ('DRAFT', 'OPEN')")
                .param(deleted.userId())
                .query(UUID.class)
                .list();
        for (UUID jobId : live) {
            Job job = jobs.lock(jobId).orElseThrow();
            jobs.update(job.moveTo(JobStatus.CANCELLED, now), now);
            events.publishEvent(new JobCancelled(jobId, job.status()));
        }
        jdbc.sql("""
                UPDATE jobs SET address_text = '(erased)', postcode = '-',
                       latitude = round(latitude::numeric, 1), longitude = round(longitude::numeric, 1),
                       updated_at = :now
                 WHERE homeowner_id = :user
                """)
                .param("now", Timestamp.from(now))
                .param("user", deleted.userId())
                .update();
    }
}
