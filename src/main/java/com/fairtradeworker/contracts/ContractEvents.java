package com.fairtradeworker.contracts;

import java.util.UUID;

/** Past-tense facts about contracts, published in the transaction that made them true. */
public final class ContractEvents {

    private ContractEvents() {}

    /** A bid was accepted: the contract exists, PENDING_FUNDING, and its funding window runs. */
    public record ContractCreated(UUID contract, UUID job, UUID bid, UUID homeowner, UUID contractor) {}

    /** Any move after acceptance other than cancellation before funding (funded, completion, dispute, end). */
    public record ContractStatusChanged(
            UUID contract, UUID job, UUID homeowner, UUID contractor, ContractStatus from, ContractStatus to) {}

    public record ContractCancelled(UUID contract, UUID job, CancellationReason reason) {}

    public enum CancellationReason {
        /** The homeowner cancelled before funding. */
        HOMEOWNER_CANCELLED,
        /** Nobody funded escrow within the funding window. */
        FUNDING_WINDOW_PASSED
    }
}
