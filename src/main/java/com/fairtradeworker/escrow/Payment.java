package com.fairtradeworker.escrow;

import com.fairtradeworker.escrow.PaymentProvider.ProviderName;
import com.fairtradeworker.shared.Money;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code payments}: one attempt to fund a contract's escrow at the provider. */
record Payment(
        UUID id,
        UUID contractId,
        ProviderName provider,
        String providerPaymentId,
        String providerChargeId,
        Money amount,
        PaymentStatus status,
        String idempotencyKey,
        String failureReason,
        Instant succeededAt,
        Instant createdAt) {

    /** Matches the CHECK on {@code payments.status}. */
    enum PaymentStatus {
        PENDING,
        PROCESSING,
        SUCCEEDED,
        FAILED,
        CANCELLED,
        REFUNDED;

        boolean live() {
            return this == PENDING || this == PROCESSING || this == SUCCEEDED;
        }
    }
}
