package com.fairtradeworker.completions;

import com.fairtradeworker.contracts.ContractStatus;
import com.fairtradeworker.escrow.EscrowStatus;
import com.fairtradeworker.shared.Money;
import com.fairtradeworker.timers.DueTimer;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The response bodies of the completion routes. */
final class CompletionViews {

    private CompletionViews() {}

    /**
     * One submission with its evidence. {@code autoApprovesAt} is when the approval clock will approve it (only while
     * it awaits a decision and the clock runs); while a dispute pauses the clock it is null and {@code
     * autoApprovalPausedWithRemaining} holds the time left (ISO-8601 duration).
     */
    record CompletionView(
            UUID id,
            UUID contractId,
            CompletionStatus status,
            String summary,
            String notes,
            UUID submittedBy,
            Instant submittedAt,
            Instant decidedAt,
            UUID decidedBy,
            String changeRequestReason,
            Instant autoApprovesAt,
            String autoApprovalPausedWithRemaining,
            List<EvidenceView> evidence) {

        static CompletionView of(Completion completion, List<EvidenceView> evidence, DueTimer approvalClock) {
            boolean awaiting = completion.status() == CompletionStatus.SUBMITTED && approvalClock != null;
            return new CompletionView(
                    completion.id(),
                    completion.contractId(),
                    completion.status(),
                    completion.summary(),
                    completion.notes(),
                    completion.submittedBy(),
                    completion.submittedAt(),
                    completion.decidedAt(),
                    completion.decidedBy(),
                    completion.changeRequestReason(),
                    awaiting ? approvalClock.dueAt() : null,
                    awaiting && approvalClock.paused()
                            ? approvalClock.remainingWhilePaused().toString()
                            : null,
                    List.copyOf(evidence));
        }
    }

    /** Every submission of a contract, newest first. */
    record History(UUID contractId, ContractStatus contractStatus, List<CompletionView> completions) {}

    /**
     * The homeowner approved: the contract and escrow are RELEASED; {@code released} went to the contractor's side,
     * less {@code platformFee}, so the contractor receives {@code contractorReceives}.
     */
    record Approved(
            CompletionView completion,
            ContractStatus contractStatus,
            EscrowStatus escrowStatus,
            Money released,
            Money platformFee,
            Money contractorReceives) {}

    /** The homeowner asked for changes: the contract is FUNDED again. */
    record ChangesRequested(CompletionView completion, ContractStatus contractStatus) {}
}
