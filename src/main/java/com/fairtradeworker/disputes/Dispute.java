package com.fairtradeworker.disputes;

import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A dispute as stored in {@code disputes}, with its guarded transitions. Amounts are minor units in the contract's
 * currency. {@code resolvedBy} is the admin who resolved it, null when the response clock did.
 */
record Dispute(
        UUID id,
        UUID contractId,
        UUID openedBy,
        DisputeReason reason,
        DisputeOutcome desiredOutcome,
        Long desiredSplitMinor,
        String statement,
        DisputeStatus status,
        DisputeOutcome resolution,
        Long resolutionSplitMinor,
        String resolutionReason,
        UUID resolvedBy,
        Instant resolvedAt,
        Instant responseDueAt,
        Instant respondedAt,
        Instant withdrawnAt,
        Instant createdAt) {

    /** What the admin, or the response clock, decided. {@code splitToContractorMinor} only for SPLIT. */
    record Resolution(DisputeOutcome outcome, Long splitToContractorMinor, String reason) {}

    static Dispute opened(UUID contractId, UUID openedBy, DisputeClaim claim, Instant now, Instant responseDueAt) {
        return new Dispute(
                UUID.randomUUID(),
                contractId,
                openedBy,
                claim.reason(),
                claim.desiredOutcome(),
                claim.desiredSplitMinor(),
                claim.statement(),
                DisputeStatus.OPEN,
                null,
                null,
                null,
                null,
                null,
                responseDueAt,
                null,
                null,
                now);
    }

    /** The other party answered: the dispute waits for an admin. */
    Dispute responded(Instant now) {
        require(DisputeStatus.AWAITING_MEDIATION, "respond to it");
        return with(DisputeStatus.AWAITING_MEDIATION, null, null, now, null);
    }

    Dispute withdrawn(Instant now) {
        require(DisputeStatus.WITHDRAWN, "withdraw it");
        return with(DisputeStatus.WITHDRAWN, null, null, respondedAt, now);
    }

    /** An admin decides, once the other party has responded (before that, only the response clock decides). */
    Dispute resolvedByAdmin(Resolution resolution, UUID adminId, Instant now) {
        if (status == DisputeStatus.OPEN) {
            throw new ProblemException(
                    ProblemType.STATE_CONFLICT,
                    "The dispute is OPEN: the other party has until " + responseDueAt + " to respond; an admin"
                            + " resolves it once it is AWAITING_MEDIATION.",
                    Map.of("status", status));
        }
        require(DisputeStatus.RESOLVED, "resolve it");
        return resolved(resolution, adminId, now);
    }

    /** The response window closed without an answer: the opener's desired outcome. */
    Dispute resolvedByResponseWindow(String reasonText, Instant now) {
        if (status != DisputeStatus.OPEN) {
            throw new IllegalStateException("Only an unanswered dispute is resolved by its response clock");
        }
        return resolved(new Resolution(desiredOutcome, desiredSplitMinor, reasonText), null, now);
    }

    boolean isOpener(UUID userId) {
        return openedBy.equals(userId);
    }

    private Dispute resolved(Resolution decided, UUID by, Instant now) {
        return new Dispute(
                id,
                contractId,
                openedBy,
                reason,
                desiredOutcome,
                desiredSplitMinor,
                statement,
                DisputeStatus.RESOLVED,
                decided.outcome(),
                decided.outcome() == DisputeOutcome.SPLIT ? decided.splitToContractorMinor() : null,
                decided.reason(),
                by,
                now,
                responseDueAt,
                respondedAt,
                withdrawnAt,
                createdAt);
    }

    private Dispute with(DisputeStatus next, UUID by, Instant resolved, Instant responded, Instant withdrawn) {
        return new Dispute(
                id,
                contractId,
                openedBy,
                reason,
                desiredOutcome,
                desiredSplitMinor,
                statement,
                next,
                resolution,
                resolutionSplitMinor,
                resolutionReason,
                by,
                resolved,
                responseDueAt,
                responded,
                withdrawn,
                createdAt);
    }

    private void require(DisputeStatus next, String action) {
        if (!status.canTransitionTo(next)) {
            throw new ProblemException(
                    ProblemType.STATE_CONFLICT,
                    "The dispute is " + status + "; you can no longer " + action + ".",
                    Map.of("status", status));
        }
    }
}
