package com.fairtradeworker.bidding;

import com.fairtradeworker.audit.AuditEntry;
import com.fairtradeworker.audit.AuditLog;
import com.fairtradeworker.bidding.BiddingEvents.BidRejected;
import com.fairtradeworker.bidding.BiddingEvents.RejectionReason;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Rejects the live bids of a job whose fate is decided: another bid accepted, the job cancelled or expired. */
@Component
class BidRejections {

    private final BidRepository bids;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    BidRejections(BidRepository bids, AuditLog audit, ApplicationEventPublisher events, Clock clock) {
        this.bids = bids;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** Rejects every SUBMITTED bid on the job except {@code keep} (null: all); returns how many. */
    @Transactional(propagation = Propagation.MANDATORY)
    int rejectSubmitted(UUID jobId, UUID keep, RejectionReason reason, UUID actorId) {
        var rejected = bids.rejectSubmitted(jobId, keep, clock.instant());
        for (var bid : rejected) {
            AuditEntry entry = actorId == null
                    ? AuditEntry.bySystem("BID_REJECTED", "bid", bid.bidId())
                    : AuditEntry.byUser(actorId, "BID_REJECTED", "bid", bid.bidId());
            audit.record(entry.with(Map.of("job", jobId, "from", BidStatus.SUBMITTED, "reason", reason)));
            events.publishEvent(new BidRejected(bid.bidId(), jobId, bid.contractorId(), reason));
        }
        return rejected.size();
    }
}
