package com.fairtradeworker.escrow;

import com.fairtradeworker.shared.Money;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code payouts}: released money owed to the contractor, PENDING_ACCOUNT until their payout account can
 * receive it, then PAID by a transfer (and a PAYOUT journal transaction).
 */
record Payout(
        UUID id,
        UUID contractId,
        UUID contractorId,
        UUID releaseTransactionId,
        Money amount,
        PayoutStatus status,
        String providerTransferId,
        Instant paidAt,
        Instant createdAt) {

    /** Matches the CHECK on {@code payouts.status}. */
    enum PayoutStatus {
        PENDING_ACCOUNT,
        PAID,
        FAILED
    }
}
