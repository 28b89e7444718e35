package com.fairtradeworker.disputes;

import com.fairtradeworker.completions.EvidenceView;
import com.fairtradeworker.contracts.ContractSnapshot;
import com.fairtradeworker.contracts.ContractStatus;
import com.fairtradeworker.escrow.EscrowSnapshot;
import com.fairtradeworker.shared.Money;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The JSON shapes of the dispute routes. Stored text is returned as data (JSON strings), never as markup. */
final class DisputeViews {

    private DisputeViews() {}

    /** Which side of the contract someone is on. */
    enum Side {
        HOMEOWNER,
        CONTRACTOR;

        static Side of(ContractSnapshot contract, UUID userId) {
            return contract.homeownerId().equals(userId) ? HOMEOWNER : CONTRACTOR;
        }
    }

    /**
     * A dispute as its two parties (and admins) see it: the claim, the response clock, every response and statement,
     * the evidence (metadata; the bytes come from each file's {@code downloadPath}), and once decided the outcome with its written reason.
     */
    record DisputeView(
            UUID id,
            UUID contractId,
            DisputeStatus status,
            UUID openedBy,
            Side openedBySide,
            DisputeReason reason,
            DisputeOutcome desiredOutcome,
            Money desiredSplit,
            String statement,
            Instant openedAt,
            Instant responseDueAt,
            Instant respondedAt,
            Instant withdrawnAt,
            ResolutionView resolution,
            List<EntryView> entries,
            List<EvidenceView> evidence) {}

    /**
     * The decision: {@code splitToContractor} (before the fee) only for SPLIT; {@code byAdmin} false when the response
     * clock decided for the opener.
     */
    record ResolutionView(
            DisputeOutcome outcome, Money splitToContractor, String reason, boolean byAdmin, Instant resolvedAt) {}

    record EntryView(
            UUID id, UUID authorId, Side authorSide, DisputeEntryKind kind, String statement, Instant createdAt) {}

    record DisputeList(List<DisputeView> items) {}

    /** One row of the admin queue. */
    record QueueItem(
            UUID id,
            UUID contractId,
            DisputeStatus status,
            DisputeReason reason,
            DisputeOutcome desiredOutcome,
            Side openedBySide,
            Instant openedAt,
            Instant responseDueAt,
            Instant respondedAt,
            String jobTitle,
            Money contractAmount) {}

    record QueuePage(List<QueueItem> items, String nextCursor) {}

    /**
     * What an admin needs to decide: the dispute's whole record, who resolved it, the contract's terms and its escrow
     * (the movements are on {@code GET /api/contracts/{contractId}/escrow}, which admins may read).
     */
    record AdminDisputeView(DisputeView dispute, UUID resolvedBy, ContractTerms contract, EscrowView escrow) {}

    record ContractTerms(
            UUID id,
            ContractStatus status,
            ContractStatus statusBeforeDispute,
            UUID homeownerId,
            UUID contractorId,
            String jobTitle,
            Money amount,
            int feeRateBps,
            Money platformFeeIfReleased) {

        static ContractTerms of(ContractSnapshot contract) {
            return new ContractTerms(
                    contract.id(),
                    contract.status(),
                    contract.statusBeforeDispute(),
                    contract.homeownerId(),
                    contract.contractorId(),
                    contract.jobTitle(),
                    contract.amount(),
                    contract.feeRateBps(),
                    contract.amount().basisPoints(contract.feeRateBps()));
        }
    }

    record EscrowView(String status, boolean frozen, Money held, String statementUrl) {

        static EscrowView of(UUID contractId, EscrowSnapshot escrow, Money contractAmount) {
            String url = "/api/contracts/" + contractId + "/escrow";
            if (escrow == null) {
                return new EscrowView("UNFUNDED", false, new Money(0, contractAmount.currency()), url);
            }
            return new EscrowView(escrow.status().name(), escrow.frozen(), escrow.held(), url);
        }
    }
}
