package com.fairtradeworker.escrow;

import com.fairtradeworker.contracts.ContractStatus;

/** Why held money leaves escrow; each cause allows only its outcomes, and only dispute causes pass a freeze. */
public enum ExitCause {
    /** The homeowner approved the submitted work: release. */
    APPROVAL,
    /** Nobody acted within the approval window: release. */
    APPROVAL_WINDOW,
    /** Both parties agreed to cancel the funded contract: refund. */
    MUTUAL_CANCELLATION,
    /** An admin resolved the dispute: release, refund or split. */
    DISPUTE_RESOLUTION,
    /** The other party never answered the dispute: the opener's desired outcome. */
    DISPUTE_RESPONSE_WINDOW;

    /** The contract state each cause starts from: approval ends submitted work, disputes end disputed contracts. */
    ContractStatus contractStatus() {
        return switch (this) {
            case APPROVAL, APPROVAL_WINDOW -> ContractStatus.COMPLETION_SUBMITTED;
            case MUTUAL_CANCELLATION -> ContractStatus.FUNDED;
            case DISPUTE_RESOLUTION, DISPUTE_RESPONSE_WINDOW -> ContractStatus.DISPUTED;
        };
    }

    boolean passesFreeze() {
        return this == DISPUTE_RESOLUTION || this == DISPUTE_RESPONSE_WINDOW;
    }

    boolean allows(EscrowStatus outcome) {
        return switch (this) {
            case APPROVAL, APPROVAL_WINDOW -> outcome == EscrowStatus.RELEASED;
            case MUTUAL_CANCELLATION -> outcome == EscrowStatus.REFUNDED;
            case DISPUTE_RESOLUTION, DISPUTE_RESPONSE_WINDOW -> true;
        };
    }
}
