package com.fairtradeworker.bidding;

import com.fairtradeworker.audit.AuditEntry;
import com.fairtradeworker.audit.AuditLog;
import com.fairtradeworker.bidding.BiddingEvents.BidSubmitted;
import com.fairtradeworker.jobs.JobSnapshot;
import com.fairtradeworker.jobs.JobStatus;
import com.fairtradeworker.jobs.JobsApi;
import com.fairtradeworker.shared.NotFoundException;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import com.fairtradeworker.shared.RateLimitedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A contractor places their one bid on an open job. Every refusal depends only on the contractor, the job and the
 * contractor's own bid, never on anyone else's: competitors stay invisible.
 */
@Service
class BidPlacement {

    private static final Duration CAP_PERIOD = Duration.ofDays(1);

    private final BidRepository bids;
    private final BidderEligibility eligibility;
    private final JobsApi jobs;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final BiddingSettings settings;
    private final FeeSettings fees;
    private final Clock clock;

    BidPlacement(
            BidRepository bids,
            BidderEligibility eligibility,
            JobsApi jobs,
            AuditLog audit,
            ApplicationEventPublisher events,
            BiddingSettings settings,
            FeeSettings fees,
            Clock clock) {
        this.bids = bids;
        this.eligibility = eligibility;
        this.jobs = jobs;
        this.audit = audit;
        this.events = events;
        this.settings = settings;
        this.fees = fees;
        this.clock = clock;
    }

    @Transactional
    Bid place(UUID contractorId, UUID jobId, BidOffer offer) {
        eligibility.requireEligibleBidder(contractorId);
        bids.lockContractor(contractorId);
        Instant now = clock.instant();
        requireUnderDailyCap(contractorId, now);
        JobSnapshot job = jobs.lockForBidding(jobId);
        Optional<Bid> own = bids.findByJobAndContractor(jobId, contractorId);
        if (own.isEmpty() && job.status() != JobStatus.OPEN) {
            throw new NotFoundException("job"); // a job that is not open is visible only to its bidders
        }
        own.ifPresent(BidPlacement::refuseSecondBid);
        if (!job.biddingOpenAt(now)) {
            throw BidChanges.biddingClosed(job);
        }
        BidTerms terms = offer.validatedFor(job.currency(), LocalDate.ofInstant(now, ZoneOffset.UTC));
        Bid bid = Bid.submit(jobId, contractorId, terms, fees.rateBps(), now);
        bids.insert(bid);
        audit.record(AuditEntry.byUser(contractorId, "BID_SUBMITTED", "bid", bid.id())
                .with(Map.of(
                        "job", jobId,
                        "to", BidStatus.SUBMITTED,
                        "amountMinor", terms.amount().amountMinor(),
                        "currency", terms.amount().currency(),
                        "feeRateBps", bid.feeRateBps())));
        events.publishEvent(new BidSubmitted(bid.id(), jobId, contractorId));
        return bid;
    }

    /** One bid per contractor per job, ever: the answer names only the contractor's own bid. */
    private static void refuseSecondBid(Bid own) {
        throw new ProblemException(
                ProblemType.ALREADY_EXISTS,
                "You have already bid on this job (one bid per job; withdrawing is final). Revise your bid instead"
                        + " while bidding is open.",
                Map.of("bidId", own.id(), "bidStatus", own.status()));
    }

    private void requireUnderDailyCap(UUID contractorId, Instant now) {
        List<Instant> placed = bids.placedSince(contractorId, now.minus(CAP_PERIOD));
        if (placed.size() >= settings.maxBidsPerDay()) {
            // The oldest bid in the window leaves it first; then one more bid fits.
            Instant frees = placed.get(placed.size() - settings.maxBidsPerDay()).plus(CAP_PERIOD);
            long seconds = Math.max(1, Duration.between(now, frees).toSeconds() + 1);
            throw new RateLimitedException(
                    "You can place at most " + settings.maxBidsPerDay() + " bids in 24 hours.", seconds);
        }
    }
}
