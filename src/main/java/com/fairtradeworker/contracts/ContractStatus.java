package com.fairtradeworker.contracts;

import java.util.EnumSet;
import java.util.Set;

/**
 * A contract's life, exactly as in the domain guide; the CHECK on {@code bid_contracts.status} lists the same values.
 */
public enum ContractStatus {
    PENDING_FUNDING,
    FUNDED,
    COMPLETION_SUBMITTED,
    DISPUTED,
    RELEASED,
    REFUNDED,
    SPLIT,
    CANCELLED;

    public boolean canTransitionTo(ContractStatus next) {
        return successors().contains(next);
    }

    public boolean terminal() {
        return successors().isEmpty();
    }

    private Set<ContractStatus> successors() {
        return switch (this) {
            case PENDING_FUNDING -> EnumSet.of(FUNDED, CANCELLED);
            // REFUNDED: mutual cancellation before completion is submitted.
            case FUNDED -> EnumSet.of(COMPLETION_SUBMITTED, DISPUTED, REFUNDED);
            // FUNDED: the homeowner asks for changes.
            case COMPLETION_SUBMITTED -> EnumSet.of(RELEASED, FUNDED, DISPUTED);
            // FUNDED and COMPLETION_SUBMITTED: a withdrawn dispute returns the contract to where it was.
            case DISPUTED -> EnumSet.of(RELEASED, REFUNDED, SPLIT, FUNDED, COMPLETION_SUBMITTED);
            case RELEASED, REFUNDED, SPLIT, CANCELLED -> EnumSet.noneOf(ContractStatus.class);
        };
    }
}
