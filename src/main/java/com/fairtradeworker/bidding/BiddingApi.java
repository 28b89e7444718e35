package com.fairtradeworker.bidding;

import com.fairtradeworker.audit.AuditEntry;
import com.fairtradeworker.audit.AuditLog;
import com.fairtradeworker.bidding.BiddingEvents.BidAccepted;
import com.fairtradeworker.bidding.BiddingEvents.RejectionReason;
import com.fairtradeworker.shared.NotFoundException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** What later stages ask of bidding: read a bid, and accept it (rejecting the rest) inside acceptance's transaction. */
@Service
public class BiddingApi {

    private final BidRepository bids;
    private final BidRejections rejections;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    BiddingApi(
            BidRepository bids,
            BidRejections rejections,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.bids = bids;
        this.rejections = rejections;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** The bid, whoever asks: callers apply their own visibility rules. */
    public Optional<BidSnapshot> find(UUID bidId) {
        return bids.find(bidId).map(Bid::snapshot);
    }

    /**
     * SUBMITTED -> ACCEPTED for the bid, and SUBMITTED -> REJECTED for every other bid on the job. The caller must
     * already hold the job's row lock ({@code JobsApi.lockOwnedBy}), which makes this the only acceptance running for
     * the job. Refuses with a state conflict naming the bid's state if it is no longer SUBMITTED.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public BidSnapshot acceptOnLockedJob(UUID bidId, UUID jobId, UUID actorId) {
        Bid bid = bids.lock(bidId)
                .filter(found -> found.jobId().equals(jobId))
                .orElseThrow(() -> new NotFoundException("bid"));
        Bid accepted = bid.accept(clock.instant());
        bids.update(accepted);
        audit.record(AuditEntry.byUser(actorId, "BID_ACCEPTED", "bid", bidId)
                .with(Map.of("job", jobId, "from", BidStatus.SUBMITTED, "to", BidStatus.ACCEPTED)));
        events.publishEvent(new BidAccepted(bidId, jobId, accepted.contractorId()));
        rejections.rejectSubmitted(jobId, bidId, RejectionReason.ANOTHER_BID_ACCEPTED, actorId);
        return accepted.snapshot();
    }
}
