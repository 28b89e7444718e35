package com.fairtradeworker.profiles.contractor;

import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A contractor's verification state. Each transition is a named method that refuses to start from the wrong state;
 * the admin and time are kept only for a granted badge (as the table's CHECK demands).
 *
 * @param note the admin's reason for a decision, or why the badge dropped; shown to the contractor only
 */
public record Verification(VerificationStatus status, String note, Instant verifiedAt, UUID verifiedBy) {

    public static Verification unverified() {
        return new Verification(VerificationStatus.UNVERIFIED, null, null, null);
    }

    public boolean verified() {
        return status == VerificationStatus.VERIFIED;
    }

    /** The contractor hands in licence and insurance details for review (again). */
    public Verification submit() {
        return moveTo(VerificationStatus.PENDING, null, null, null);
    }

    public Verification verify(UUID adminId, Instant at, String note) {
        requireStatus(VerificationStatus.PENDING);
        return moveTo(VerificationStatus.VERIFIED, note, at, adminId);
    }

    public Verification reject(String reason) {
        requireStatus(VerificationStatus.PENDING);
        return moveTo(VerificationStatus.REJECTED, reason, null, null);
    }

    /**
     * Licence or insurance details changed outside a submission: whatever an admin checked no longer applies, so the
     * contractor is back to unverified and must submit again.
     */
    public Verification credentialsChanged() {
        if (status == VerificationStatus.UNVERIFIED) {
            return this;
        }
        return moveTo(
                VerificationStatus.UNVERIFIED,
                "Your licence or insurance details changed; submit them for verification again.",
                null,
                null);
    }

    /** The badge drops on its clock when a verified credential expires. */
    public Verification expired(String why) {
        requireStatus(VerificationStatus.VERIFIED);
        return moveTo(VerificationStatus.UNVERIFIED, why, null, null);
    }

    private Verification moveTo(VerificationStatus next, String newNote, Instant at, UUID by) {
        if (!status.canTransitionTo(next)) {
            throw conflict();
        }
        return new Verification(next, newNote, at, by);
    }

    private void requireStatus(VerificationStatus expected) {
        if (status != expected) {
            throw conflict();
        }
    }

    private ProblemException conflict() {
        return new ProblemException(
                ProblemType.STATE_CONFLICT,
                "The contractor's verification is " + status + ".",
                Map.of("verificationStatus", status));
    }
}
