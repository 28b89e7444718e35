package com.fairtradeworker.jobs;

import com.fairtradeworker.audit.AuditEntry;
import com.fairtradeworker.audit.AuditLog;
import com.fairtradeworker.identity.IdentityApi;
import com.fairtradeworker.jobs.JobEvents.JobCancelled;
import com.fairtradeworker.jobs.JobEvents.JobEdited;
import com.fairtradeworker.jobs.JobEvents.JobPublished;
import com.fairtradeworker.shared.Money;
import com.fairtradeworker.shared.NotFoundException;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import com.fairtradeworker.shared.TradeTaxonomy;
import com.fairtradeworker.timers.DueTimers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What homeowners do with their jobs: draft, edit while nobody has bid, publish, cancel. */
@Service
class JobService {

    static final String ACCEPTANCE_WINDOW_ENDS = "JOB_ACCEPTANCE_WINDOW_ENDS";

    private final JobRepository jobs;
    private final BidPresence bids;
    private final IdentityApi identity;
    private final DueTimers timers;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final JobSettings settings;
    private final Clock clock;

    JobService(
            JobRepository jobs,
            BidPresence bids,
            IdentityApi identity,
            DueTimers timers,
            AuditLog audit,
            ApplicationEventPublisher events,
            JobSettings settings,
            Clock clock) {
        this.jobs = jobs;
        this.bids = bids;
        this.identity = identity;
        this.timers = timers;
        this.audit = audit;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
    }

    @Transactional
    Job create(UUID homeownerId, JobDraft draft) {
        identity.requireVerifiedEmail(homeownerId);
        Instant now = clock.instant();
        if (jobs.createdSince(homeownerId, now.minus(Duration.ofDays(1))) >= settings.maxJobsPerDay()) {
            throw new ProblemException(
                    ProblemType.RATE_LIMITED, "At most " + settings.maxJobsPerDay() + " jobs can be posted per day.");
        }
        validate(draft);
        Job job = new Job(
                UUID.randomUUID(),
                homeownerId,
                draft.title().strip(),
                draft.description().strip(),
                draft.trade(),
                draft.latitude(),
                draft.longitude(),
                draft.addressText().strip(),
                draft.postcode().strip(),
                minor(draft.budgetMin()),
                minor(draft.budgetMax()),
                currency(draft),
                draft.biddingDeadline(),
                draft.desiredStartDate(),
                JobStatus.DRAFT,
                null,
                null,
                null,
                now);
        jobs.insert(job);
        audit.record(AuditEntry.byUser(homeownerId, "JOB_CREATED", "job", job.id()));
        return job;
    }

    /** Edits are allowed on drafts, and on open jobs until the first bid arrives. */
    @Transactional
    Job edit(UUID homeownerId, UUID jobId, JobDraft draft) {
        Job job = ownedLocked(homeownerId, jobId);
        if (job.status() != JobStatus.DRAFT && job.status() != JobStatus.OPEN) {
            throw stateConflict(job, "Only draft and open jobs can be edited.");
        }
        if (job.status() == JobStatus.OPEN && bids.anyBid(jobId)) {
            throw stateConflict(job, "The job has bids and can no longer be edited; cancel it and post a new one.");
        }
        validate(draft);
        Instant deadline = draft.biddingDeadline();
        if (job.status() == JobStatus.OPEN) {
            requireDeadlineWindow(deadline, clock.instant());
        }
        Job edited = new Job(
                job.id(),
                job.homeownerId(),
                draft.title().strip(),
                draft.description().strip(),
                draft.trade(),
                draft.latitude(),
                draft.longitude(),
                draft.addressText().strip(),
                draft.postcode().strip(),
                minor(draft.budgetMin()),
                minor(draft.budgetMax()),
                job.currency(),
                deadline,
                draft.desiredStartDate(),
                job.status(),
                job.publishedAt(),
                job.awardedAt(),
                job.closedAt(),
                job.createdAt());
        jobs.update(edited, clock.instant());
        if (edited.status() == JobStatus.OPEN) {
            timers.schedule(ACCEPTANCE_WINDOW_ENDS, jobId, deadline.plus(settings.acceptanceWindow()));
        }
        audit.record(AuditEntry.byUser(homeownerId, "JOB_EDITED", "job", jobId));
        events.publishEvent(new JobEdited(jobId));
        return edited;
    }

    @Transactional
    Job publish(UUID homeownerId, UUID jobId) {
        identity.requireVerifiedEmail(homeownerId);
        Job job = ownedLocked(homeownerId, jobId);
        job.requireTransition(JobStatus.OPEN);
        Instant now = clock.instant();
        requireDeadlineWindow(job.biddingDeadline(), now);
        Job published = job.publish(now, job.biddingDeadline());
        jobs.update(published, now);
        timers.schedule(
                ACCEPTANCE_WINDOW_ENDS, jobId, published.biddingDeadline().plus(settings.acceptanceWindow()));
        audit.record(
                AuditEntry.byUser(homeownerId, "JOB_PUBLISHED", "job", jobId).with(Map.of("from", "DRAFT")));
        events.publishEvent(new JobPublished(jobId, homeownerId));
        return published;
    }

    /** Cancels a draft or an open job; awarded jobs end through their contract. */
    @Transactional
    Job cancel(UUID homeownerId, UUID jobId) {
        Job job = ownedLocked(homeownerId, jobId);
        if (job.status() != JobStatus.DRAFT && job.status() != JobStatus.OPEN) {
            throw stateConflict(
                    job,
                    "Only draft and open jobs can be cancelled here; an awarded job ends through" + " its contract.");
        }
        Instant now = clock.instant();
        Job cancelled = job.moveTo(JobStatus.CANCELLED, now);
        jobs.update(cancelled, now);
        timers.cancel(ACCEPTANCE_WINDOW_ENDS, jobId);
        audit.record(
                AuditEntry.byUser(homeownerId, "JOB_CANCELLED", "job", jobId).with(Map.of("from", job.status())));
        events.publishEvent(new JobCancelled(jobId, job.status()));
        return cancelled;
    }

    List<Job> ownedBy(UUID homeownerId) {
        return jobs.ownedBy(homeownerId, 200);
    }

    private Job ownedLocked(UUID homeownerId, UUID jobId) {
        return jobs.lock(jobId)
                .filter(job -> job.homeownerId().equals(homeownerId))
                .orElseThrow(() -> new NotFoundException("job"));
    }

    private void requireDeadlineWindow(Instant deadline, Instant now) {
        if (deadline == null) {
            throw new ProblemException(
                    ProblemType.VALIDATION_FAILED,
                    "Set a bidding deadline before publishing.",
                    Map.of("errors", List.of(Map.of("field", "biddingDeadline", "message", "is required to publish"))));
        }
        if (deadline.isBefore(now.plus(settings.minBiddingPeriod()))
                || deadline.isAfter(now.plus(settings.maxBiddingPeriod()))) {
            throw new ProblemException(
                    ProblemType.VALIDATION_FAILED,
                    "Some fields are invalid.",
                    Map.of(
                            "errors",
                            List.of(Map.of(
                                    "field", "biddingDeadline", "message", "must be between 1 and 30 days ahead"))));
        }
    }

    private static void validate(JobDraft draft) {
        if (!TradeTaxonomy.exists(draft.trade())) {
            throw invalid("trade", "is not a known trade code (see GET /api/trades)");
        }
        Money min = draft.budgetMin();
        Money max = draft.budgetMax();
        if (min != null && max != null) {
            if (!min.currency().equals(max.currency())) {
                throw invalid("budgetMax", "must be in the same currency as budgetMin");
            }
            if (min.amountMinor() > max.amountMinor()) {
                throw invalid("budgetMax", "must not be below budgetMin");
            }
        }
    }

    private static Long minor(Money money) {
        return money == null ? null : money.amountMinor();
    }

    private static String currency(JobDraft draft) {
        if (draft.budgetMin() != null) {
            return draft.budgetMin().currency();
        }
        return draft.budgetMax() != null ? draft.budgetMax().currency() : "USD";
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(
                ProblemType.VALIDATION_FAILED,
                "Some fields are invalid.",
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }

    static ProblemException stateConflict(Job job, String detail) {
        return new ProblemException(ProblemType.STATE_CONFLICT, detail, Map.of("status", job.status()));
    }
}
