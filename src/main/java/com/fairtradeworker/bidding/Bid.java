package com.fairtradeworker.bidding;

import com.fairtradeworker.shared.Money;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A bid as stored in {@code bids}, with its transitions: each checks the current state and refuses anything else with
 * a problem naming that state. The fee rate is stamped at submission and never changes, so the net amount both sides
 * saw before acceptance is the one the contract will use.
 */
record Bid(
        UUID id,
        UUID jobId,
        UUID contractorId,
        BidTerms terms,
        int feeRateBps,
        BidStatus status,
        int revision,
        Instant submittedAt,
        Instant updatedAt,
        Instant decidedAt,
        Instant withdrawnAt) {

    static Bid submit(UUID jobId, UUID contractorId, BidTerms terms, int feeRateBps, Instant now) {
        return new Bid(
                UUID.randomUUID(),
                jobId,
                contractorId,
                terms,
                feeRateBps,
                BidStatus.SUBMITTED,
                1,
                now,
                now,
                null,
                null);
    }

    /** Only a SUBMITTED bid changes its terms; a decided or withdrawn one is history. */
    void requireRevisable() {
        if (status != BidStatus.SUBMITTED) {
            throw stateConflict("The bid is " + status + " and can no longer be revised.");
        }
    }

    Bid revise(BidTerms newTerms, Instant now) {
        requireRevisable();
        return new Bid(
                id,
                jobId,
                contractorId,
                newTerms,
                feeRateBps,
                status,
                revision + 1,
                submittedAt,
                now,
                decidedAt,
                withdrawnAt);
    }

    Bid withdraw(Instant now) {
        requireTransition(BidStatus.WITHDRAWN);
        return new Bid(
                id,
                jobId,
                contractorId,
                terms,
                feeRateBps,
                BidStatus.WITHDRAWN,
                revision,
                submittedAt,
                now,
                decidedAt,
                now);
    }

    Bid accept(Instant now) {
        requireTransition(BidStatus.ACCEPTED);
        return new Bid(
                id,
                jobId,
                contractorId,
                terms,
                feeRateBps,
                BidStatus.ACCEPTED,
                revision,
                submittedAt,
                now,
                now,
                withdrawnAt);
    }

    /** floor(amount x rate / 10,000), the platform's share if the whole amount is released. */
    Money platformFee() {
        return terms.amount().basisPoints(feeRateBps);
    }

    Money contractorReceives() {
        return terms.amount().minus(platformFee());
    }

    BidSnapshot snapshot() {
        return new BidSnapshot(
                id,
                jobId,
                contractorId,
                terms.amount(),
                feeRateBps,
                terms.proposal(),
                terms.estimatedDurationDays(),
                terms.earliestStart(),
                status,
                revision);
    }

    private void requireTransition(BidStatus next) {
        if (!status.canTransitionTo(next)) {
            throw stateConflict("The bid is " + status + " and cannot become " + next + ".");
        }
    }

    private ProblemException stateConflict(String detail) {
        return new ProblemException(ProblemType.STATE_CONFLICT, detail, Map.of("status", status));
    }
}
