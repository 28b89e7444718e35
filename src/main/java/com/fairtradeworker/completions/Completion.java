package com.fairtradeworker.completions;

import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One submission of finished work ({@code job_completions}). A decision is made once: a new submission after a change
 * request is a new row, so the history stays.
 *
 * @param decidedBy the homeowner who approved or asked for changes; null when the approval clock decided
 */
record Completion(
        UUID id,
        UUID contractId,
        UUID submittedBy,
        String summary,
        String notes,
        CompletionStatus status,
        String changeRequestReason,
        Instant submittedAt,
        Instant decidedAt,
        UUID decidedBy) {

    static Completion submitted(UUID id, UUID contractId, UUID contractorId, CompletionText text, Instant now) {
        return new Completion(
                id,
                contractId,
                contractorId,
                text.summary(),
                text.notes(),
                CompletionStatus.SUBMITTED,
                null,
                now,
                null,
                null);
    }

    Completion approve(UUID homeownerId, Instant now) {
        return decided(CompletionStatus.APPROVED, null, homeownerId, now);
    }

    Completion autoApprove(Instant now) {
        return decided(CompletionStatus.AUTO_APPROVED, null, null, now);
    }

    Completion requestChanges(UUID homeownerId, String reason, Instant now) {
        return decided(CompletionStatus.CHANGES_REQUESTED, reason, homeownerId, now);
    }

    private Completion decided(CompletionStatus next, String reason, UUID by, Instant now) {
        if (!status.canTransitionTo(next)) {
            throw new ProblemException(
                    ProblemType.STATE_CONFLICT,
                    "The completion is " + status + "; it was decided already.",
                    Map.of("status", status));
        }
        return new Completion(id, contractId, submittedBy, summary, notes, next, reason, submittedAt, now, by);
    }
}
