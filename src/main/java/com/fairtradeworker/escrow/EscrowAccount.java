package com.fairtradeworker.escrow;

import com.fairtradeworker.shared.Money;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A row of {@code escrow_accounts}: the contract's escrow, its state, and figures cached from the ledger (updated in
 * the transaction that posts the entries; {@code escrow_balances} derives the same from the entries).
 */
record EscrowAccount(
        UUID id,
        UUID contractId,
        UUID ledgerAccountId,
        Money amount,
        EscrowStatus status,
        boolean frozen,
        long fundedMinor,
        long releasedMinor,
        long refundedMinor,
        Instant heldAt,
        Instant closedAt) {

    Money held() {
        return new Money(fundedMinor - releasedMinor - refundedMinor, amount.currency());
    }

    EscrowAccount funded(Instant now) {
        requireTransition(EscrowStatus.HELD);
        return new EscrowAccount(
                id,
                contractId,
                ledgerAccountId,
                amount,
                EscrowStatus.HELD,
                frozen,
                amount.amountMinor(),
                0,
                0,
                now,
                null);
    }

    EscrowAccount exited(EscrowExit exit, Instant now) {
        requireTransition(exit.outcome());
        return new EscrowAccount(
                id,
                contractId,
                ledgerAccountId,
                amount,
                exit.outcome(),
                false,
                fundedMinor,
                releasedMinor + exit.toContractor().amountMinor(),
                refundedMinor + exit.refunded().amountMinor(),
                heldAt,
                now);
    }

    EscrowAccount cancelled(Instant now) {
        requireTransition(EscrowStatus.CANCELLED);
        return new EscrowAccount(
                id,
                contractId,
                ledgerAccountId,
                amount,
                EscrowStatus.CANCELLED,
                frozen,
                fundedMinor,
                releasedMinor,
                refundedMinor,
                heldAt,
                now);
    }

    EscrowAccount withFrozen(boolean freeze) {
        if (status != EscrowStatus.HELD) {
            throw conflict("The escrow is " + status + "; only held money can be frozen or unfrozen.");
        }
        return new EscrowAccount(
                id,
                contractId,
                ledgerAccountId,
                amount,
                status,
                freeze,
                fundedMinor,
                releasedMinor,
                refundedMinor,
                heldAt,
                closedAt);
    }

    private void requireTransition(EscrowStatus next) {
        if (!status.canTransitionTo(next)) {
            throw conflict("The escrow is " + status + " and cannot become " + next + ".");
        }
    }

    private ProblemException conflict(String detail) {
        return new ProblemException(ProblemType.STATE_CONFLICT, detail, Map.of("escrowStatus", status));
    }
}
