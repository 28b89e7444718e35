package com.fairtradeworker.disputes;

import com.fairtradeworker.contracts.ContractSnapshot;
import java.util.UUID;

/**
 * When a dispute may open: only a party of the contract may open one (anyone else is told the contract does not
 * exist), only while money is held and undecided (FUNDED or COMPLETION_SUBMITTED), and only one at a time (a DISPUTED
 * contract already has its open dispute).
 */
final class DisputeOpeningPolicy {

    enum Decision {
        ALLOWED,
        /** Not a party: answered exactly like a missing contract. */
        NOT_VISIBLE,
        /** The contract has its one open dispute. */
        ALREADY_DISPUTED,
        /** Nothing held to dispute: not funded yet, or ended. */
        WRONG_STATE
    }

    private DisputeOpeningPolicy() {}

    static Decision decide(ContractSnapshot contract, UUID userId) {
        if (contract == null || userId == null || !contract.isParty(userId)) {
            return Decision.NOT_VISIBLE;
        }
        return switch (contract.status()) {
            case FUNDED, COMPLETION_SUBMITTED -> Decision.ALLOWED;
            case DISPUTED -> Decision.ALREADY_DISPUTED;
            case PENDING_FUNDING, RELEASED, REFUNDED, SPLIT, CANCELLED -> Decision.WRONG_STATE;
        };
    }
}
