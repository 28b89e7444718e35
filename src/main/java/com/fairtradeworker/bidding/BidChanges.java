package com.fairtradeworker.bidding;

import com.fairtradeworker.audit.AuditEntry;
import com.fairtradeworker.audit.AuditLog;
import com.fairtradeworker.bidding.BiddingEvents.BidRevised;
import com.fairtradeworker.bidding.BiddingEvents.BidWithdrawn;
import com.fairtradeworker.jobs.JobSnapshot;
import com.fairtradeworker.jobs.JobsApi;
import com.fairtradeworker.shared.NotFoundException;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A contractor revises or withdraws their own bid, while the job is open and before its bidding deadline. Locks the job
 * (shared) before the bid, the order acceptance uses too, so a change and an acceptance never interleave.
 */
@Service
class BidChanges {

    private final BidRepository bids;
    private final JobsApi jobs;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final BiddingSettings settings;
    private final Clock clock;

    BidChanges(
            BidRepository bids,
            JobsApi jobs,
            AuditLog audit,
            ApplicationEventPublisher events,
            BiddingSettings settings,
            Clock clock) {
        this.bids = bids;
        this.jobs = jobs;
        this.audit = audit;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
    }

    @Transactional
    Bid revise(UUID contractorId, UUID bidId, BidOffer offer) {
        Locked locked = lockOwn(contractorId, bidId);
        Instant now = clock.instant();
        Bid current = locked.bid();
        current.requireRevisable();
        requireBiddingOpen(locked.job(), now);
        if (current.revision() >= settings.maxRevisionsPerBid()) {
            throw new ProblemException(
                    ProblemType.STATE_CONFLICT,
                    "This bid has reached the limit of " + settings.maxRevisionsPerBid() + " revisions.",
                    Map.of("status", current.status()));
        }
        BidTerms terms = offer.validatedFor(locked.job().currency(), LocalDate.ofInstant(now, ZoneOffset.UTC));
        Bid revised = current.revise(terms, now);
        bids.update(revised);
        bids.insertRevision(revised);
        audit.record(AuditEntry.byUser(contractorId, "BID_REVISED", "bid", bidId)
                .with(Map.of(
                        "job", revised.jobId(),
                        "revision", revised.revision(),
                        "amountMinor", revised.terms().amount().amountMinor())));
        events.publishEvent(new BidRevised(bidId, revised.jobId(), contractorId, revised.revision()));
        return revised;
    }

    @Transactional
    Bid withdraw(UUID contractorId, UUID bidId) {
        Locked locked = lockOwn(contractorId, bidId);
        Instant now = clock.instant();
        Bid withdrawn = locked.bid().withdraw(now);
        requireBiddingOpen(locked.job(), now);
        bids.update(withdrawn);
        audit.record(AuditEntry.byUser(contractorId, "BID_WITHDRAWN", "bid", bidId)
                .with(Map.of("job", withdrawn.jobId(), "from", BidStatus.SUBMITTED, "to", BidStatus.WITHDRAWN)));
        events.publishEvent(new BidWithdrawn(bidId, withdrawn.jobId(), contractorId));
        return withdrawn;
    }

    private record Locked(JobSnapshot job, Bid bid) {}

    /** Another contractor's bid answers exactly like a missing one. */
    private Locked lockOwn(UUID contractorId, UUID bidId) {
        UUID jobId = bids.find(bidId)
                .filter(bid -> bid.contractorId().equals(contractorId))
                .map(Bid::jobId)
                .orElseThrow(() -> new NotFoundException("bid"));
        JobSnapshot job = jobs.lockForBidding(jobId);
        Bid bid = bids.lock(bidId).orElseThrow(() -> new NotFoundException("bid"));
        return new Locked(job, bid);
    }

    private static void requireBiddingOpen(JobSnapshot job, Instant now) {
        if (!job.biddingOpenAt(now)) {
            throw biddingClosed(job);
        }
    }

    /** Names the job's state: the deadline passed (still OPEN, awaiting the homeowner's choice) or the job moved on. */
    static ProblemException biddingClosed(JobSnapshot job) {
        return new ProblemException(
                ProblemType.STATE_CONFLICT,
                "Bidding on this job is closed (the job is " + job.status() + ", bidding deadline "
                        + job.biddingDeadline() + ").",
                Map.of("status", job.status()));
    }
}
