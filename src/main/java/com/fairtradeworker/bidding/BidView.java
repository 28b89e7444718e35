package com.fairtradeworker.bidding;

import com.fairtradeworker.profiles.ContractorSummary;
import com.fairtradeworker.shared.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A bid as the API shows it, to its contractor and to the job's homeowner alike: the amount, the platform fee at the
 * stamped rate and what the contractor receives, so both sides see the same split before acceptance. Nothing in it
 * depends on other bids. {@code bidder} is the contractor's business, verification badge and rating (null while they
 * have no profile).
 */
record BidView(
        UUID id,
        UUID jobId,
        UUID contractorId,
        ContractorSummary bidder,
        BidStatus status,
        int revision,
        Money amount,
        int feeRateBps,
        Money platformFee,
        Money contractorReceives,
        String proposal,
        int estimatedDurationDays,
        LocalDate earliestStart,
        Instant submittedAt,
        Instant updatedAt,
        Instant decidedAt,
        Instant withdrawnAt) {

    static BidView of(Bid bid, ContractorSummary bidder) {
        return new BidView(
                bid.id(),
                bid.jobId(),
                bid.contractorId(),
                bidder,
                bid.status(),
                bid.revision(),
                bid.terms().amount(),
                bid.feeRateBps(),
                bid.platformFee(),
                bid.contractorReceives(),
                bid.terms().proposal(),
                bid.terms().estimatedDurationDays(),
                bid.terms().earliestStart(),
                bid.submittedAt(),
                bid.updatedAt(),
                bid.decidedAt(),
                bid.withdrawnAt());
    }
}
