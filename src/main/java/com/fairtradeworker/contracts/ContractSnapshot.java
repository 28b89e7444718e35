package com.fairtradeworker.contracts;

import com.fairtradeworker.shared.Money;
import java.util.UUID;

/**
 * What other modules need to know about a contract: its parties, the accepted amount and fee rate, its state (and
 * where a dispute returns it), the payment provider's transfer group, and a pending mutual-cancellation proposal.
 */
public record ContractSnapshot(
        UUID id,
        UUID jobId,
        UUID bidId,
        UUID homeownerId,
        UUID contractorId,
        Money amount,
        int feeRateBps,
        ContractStatus status,
        ContractStatus statusBeforeDispute,
        String transferGroup,
        UUID cancellationProposedBy,
        String jobTitle) {

    public boolean isParty(UUID userId) {
        return homeownerId.equals(userId) || contractorId.equals(userId);
    }

    /** The party on the other side of {@code userId}. */
    public UUID otherParty(UUID userId) {
        return homeownerId.equals(userId) ? contractorId : homeownerId;
    }
}
