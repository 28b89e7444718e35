package com.fairtradeworker.escrow;

import com.fairtradeworker.shared.Money;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code refunds}: money the ledger already moved back to the provider's cash, PENDING until the provider's
 * refund of the payment succeeds (retried until it does).
 */
record Refund(
        UUID id,
        UUID contractId,
        UUID paymentId,
        UUID transactionId,
        Money amount,
        RefundStatus status,
        String idempotencyKey,
        String providerRefundId,
        Instant refundedAt,
        Instant createdAt) {

    /** Matches the CHECK on {@code refunds.status}. */
    enum RefundStatus {
        PENDING,
        SUCCEEDED,
        FAILED
    }
}
