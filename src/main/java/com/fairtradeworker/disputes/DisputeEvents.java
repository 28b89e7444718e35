package com.fairtradeworker.disputes;

import com.fairtradeworker.contracts.ContractStatus;
import com.fairtradeworker.shared.Money;
import java.time.Instant;
import java.util.UUID;

/** Past-tense facts about disputes, published in the transaction that made them true (for notifications). */
public final class DisputeEvents {

    private DisputeEvents() {}

    /** A party opened a dispute; the other party has until {@code responseDueAt} to respond. */
    public record DisputeOpened(
            UUID dispute,
            UUID contract,
            UUID openedBy,
            UUID otherParty,
            DisputeReason reason,
            DisputeOutcome desiredOutcome,
            Instant responseDueAt) {}

    /** The response window closes at {@code responseDueAt} and {@code respondent} has not responded yet. */
    public record DisputeResponseDue(UUID dispute, UUID contract, UUID respondent, Instant responseDueAt) {}

    /** The other party responded: the dispute waits for an admin. */
    public record DisputeResponded(UUID dispute, UUID contract, UUID respondedBy, UUID opener) {}

    /** The opener withdrew the dispute; the contract went back to {@code contractReturnedTo}, its clocks resumed. */
    public record DisputeWithdrawn(
            UUID dispute, UUID contract, UUID withdrawnBy, UUID otherParty, ContractStatus contractReturnedTo) {}

    /**
     * The dispute was decided: by an admin ({@code byAdmin}), or by the response clock in favour of the opener. {@code
     * toContractor} is before the platform fee; the rest of the escrow went back to the payer.
     */
    public record DisputeResolved(
            UUID dispute,
            UUID contract,
            UUID homeowner,
            UUID contractor,
            DisputeOutcome outcome,
            Money toContractor,
            boolean byAdmin) {}
}
