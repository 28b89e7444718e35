package com.fairtradeworker.disputes;

import java.util.EnumSet;
import java.util.Set;

/**
 * A dispute's life, exactly as in the domain guide; the CHECK on {@code disputes.status} lists the same values. OPEN ->
 * AWAITING_MEDIATION when the other party responds; OPEN -> RESOLVED by the response clock alone; AWAITING_MEDIATION ->
 * RESOLVED by an admin; OPEN | AWAITING_MEDIATION -> WITHDRAWN by the opener.
 */
public enum DisputeStatus {
    OPEN,
    AWAITING_MEDIATION,
    RESOLVED,
    WITHDRAWN;

    public boolean canTransitionTo(DisputeStatus next) {
        return successors().contains(next);
    }

    /** Still open: statements and evidence may be added, the opener may withdraw. */
    public boolean live() {
        return this == OPEN || this == AWAITING_MEDIATION;
    }

    private Set<DisputeStatus> successors() {
        return switch (this) {
            case OPEN -> EnumSet.of(AWAITING_MEDIATION, RESOLVED, WITHDRAWN);
            case AWAITING_MEDIATION -> EnumSet.of(RESOLVED, WITHDRAWN);
            case RESOLVED, WITHDRAWN -> EnumSet.noneOf(DisputeStatus.class);
        };
    }
}
