package com.fairtradeworker.bidding;

import java.util.EnumSet;
import java.util.Set;

/** A bid's life, exactly as in the domain guide; the CHECK on {@code bids.status} lists the same values. */
public enum BidStatus {
    SUBMITTED,
    ACCEPTED,
    REJECTED,
    WITHDRAWN;

    public boolean canTransitionTo(BidStatus next) {
        return successors().contains(next);
    }

    public boolean terminal() {
        return successors().isEmpty();
    }

    private Set<BidStatus> successors() {
        return switch (this) {
            case SUBMITTED -> EnumSet.of(ACCEPTED, REJECTED, WITHDRAWN);
            case ACCEPTED, REJECTED, WITHDRAWN -> EnumSet.noneOf(BidStatus.class);
        };
    }
}
