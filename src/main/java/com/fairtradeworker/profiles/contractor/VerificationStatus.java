package com.fairtradeworker.profiles.contractor;

import java.util.Set;

/** Mirrors the CHECK on {@code contractor_profiles.verification_status}. Only VERIFIED shows the badge. */
public enum VerificationStatus {
    /** Nothing submitted, or the badge dropped (credentials changed or expired). */
    UNVERIFIED,
    /** Licence and insurance submitted, waiting for an admin. */
    PENDING,
    VERIFIED,
    /** An admin refused the submission, with a reason; the contractor may submit again. */
    REJECTED;

    public boolean canTransitionTo(VerificationStatus next) {
        return switch (this) {
            case UNVERIFIED -> next == PENDING;
            case PENDING -> Set.of(PENDING, VERIFIED, REJECTED, UNVERIFIED).contains(next);
            case VERIFIED, REJECTED -> next == PENDING || next == UNVERIFIED;
        };
    }
}
