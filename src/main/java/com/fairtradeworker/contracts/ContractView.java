package com.fairtradeworker.contracts;

import com.fairtradeworker.shared.Money;
import java.time.Instant;
import java.util.UUID;

/**
 * A contract as both parties see it: the accepted terms, the fee split, and the funding deadline while that clock
 * runs (every clock is visible to both sides).
 */
record ContractView(
        UUID id,
        UUID jobId,
        UUID bidId,
        UUID homeownerId,
        UUID contractorId,
        String jobTitle,
        String scopeText,
        Money amount,
        int feeRateBps,
        Money platformFee,
        Money contractorReceives,
        Integer estimatedDurationDays,
        ContractStatus status,
        Instant acceptedAt,
        Instant fundingDeadline,
        Instant fundedAt,
        Instant endedAt) {

    static ContractView of(Contract contract, Instant fundingDeadline) {
        return new ContractView(
                contract.id(),
                contract.jobId(),
                contract.bidId(),
                contract.homeownerId(),
                contract.contractorId(),
                contract.jobTitle(),
                contract.scopeText(),
                contract.amount(),
                contract.feeRateBps(),
                contract.platformFee(),
                contract.amount().minus(contract.platformFee()),
                contract.estimatedDurationDays(),
                contract.status(),
                contract.acceptedAt(),
                fundingDeadline,
                contract.fundedAt(),
                contract.endedAt());
    }
}
