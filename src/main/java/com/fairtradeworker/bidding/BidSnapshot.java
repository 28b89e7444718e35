package com.fairtradeworker.bidding;

import com.fairtradeworker.shared.Money;
import java.time.LocalDate;
import java.util.UUID;

/** What other modules need to know about a bid: its parties, its current terms and the fee rate stamped on it. */
public record BidSnapshot(
        UUID id,
        UUID jobId,
        UUID contractorId,
        Money amount,
        int feeRateBps,
        String proposal,
        Integer estimatedDurationDays,
        LocalDate earliestStart,
        BidStatus status,
        int revision) {}
