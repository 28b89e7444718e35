package com.fairtradeworker.contracts;

import com.fairtradeworker.shared.Money;
import java.util.UUID;

/** What other modules need to know about a contract: its parties, the accepted amount and fee rate, its state. */
public record ContractSnapshot(
        UUID id,
        UUID jobId,
        UUID bidId,
        UUID homeownerId,
        UUID contractorId,
        Money amount,
        int feeRateBps,
        ContractStatus status) {}
