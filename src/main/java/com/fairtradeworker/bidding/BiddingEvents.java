package com.fairtradeworker.bidding;

import java.util.UUID;

/** Past-tense facts about bids, published in the transaction that made them true. */
public final class BiddingEvents {

    private BiddingEvents() {}

    public record BidSubmitted(UUID bid, UUID job, UUID contractor) {}

    /** The contractor changed their terms; {@code revision} is the new revision number (the original is 1). */
    public record BidRevised(UUID bid, UUID job, UUID contractor, int revision) {}

    /** Final: the contractor cannot bid on this job again. */
    public record BidWithdrawn(UUID bid, UUID job, UUID contractor) {}

    public record BidAccepted(UUID bid, UUID job, UUID contractor) {}

    public record BidRejected(UUID bid, UUID job, UUID contractor, RejectionReason reason) {}

    /** Why a bid was rejected: the homeowner never rejects one by hand, the job's fate does. */
    public enum RejectionReason {
        ANOTHER_BID_ACCEPTED,
        JOB_CANCELLED,
        JOB_EXPIRED
    }
}
