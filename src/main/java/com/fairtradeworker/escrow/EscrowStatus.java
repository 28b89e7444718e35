package com.fairtradeworker.escrow;

/**
 * An escrow account's life (domain guide): UNFUNDED -> HELD -> RELEASED | REFUNDED | SPLIT, and UNFUNDED -> CANCELLED
 * with its contract. The CHECK on {@code escrow_accounts.status} lists the same values.
 */
public enum EscrowStatus {
    UNFUNDED,
    HELD,
    RELEASED,
    REFUNDED,
    SPLIT,
    CANCELLED;

    boolean canTransitionTo(EscrowStatus next) {
        return switch (this) {
            case UNFUNDED -> next == HELD || next == CANCELLED;
            case HELD -> next == RELEASED || next == REFUNDED || next == SPLIT;
            case RELEASED, REFUNDED, SPLIT, CANCELLED -> false;
        };
    }
}
