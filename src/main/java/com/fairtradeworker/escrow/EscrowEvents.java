package com.fairtradeworker.escrow;

import com.fairtradeworker.shared.Money;
import java.util.UUID;

/** Past-tense facts about money, published in the transaction that made them true (for notifications). */
public final class EscrowEvents {

    private EscrowEvents() {}

    public record EscrowFunded(UUID contract, UUID homeowner, UUID contractor, Money amount, boolean simulated) {}

    /** Money left escrow: {@code outcome} RELEASED, REFUNDED or SPLIT; the fee was charged on the released part only. */
    public record EscrowExited(
            UUID contract,
            UUID homeowner,
            UUID contractor,
            EscrowStatus outcome,
            ExitCause cause,
            Money toContractor,
            Money platformFee,
            Money refunded) {}

    /** A payout waits because the contractor has no payout account that can receive it yet. */
    public record PayoutWaitingForAccount(UUID payout, UUID contract, UUID contractor, Money amount) {}

    public record PayoutPaid(UUID payout, UUID contract, UUID contractor, Money amount) {}

    /** A payment succeeded for a contract that was no longer waiting for it; it is being refunded. */
    public record LatePaymentRefunded(UUID contract, UUID homeowner, Money amount) {}
}
