package com.fairtradeworker.bidding;

import com.fairtradeworker.shared.Money;
import java.time.Instant;
import java.time.LocalDate;

/** One version of a bid's terms, with the fee split at the bid's stamped rate. */
record RevisionView(
        int revision,
        Money amount,
        int feeRateBps,
        Money platformFee,
        Money contractorReceives,
        String proposal,
        int estimatedDurationDays,
        LocalDate earliestStart,
        Instant createdAt) {

    static RevisionView of(BidRevision revision) {
        Money amount = revision.terms().amount();
        Money fee = amount.basisPoints(revision.feeRateBps());
        return new RevisionView(
                revision.revision(),
                amount,
                revision.feeRateBps(),
                fee,
                amount.minus(fee),
                revision.terms().proposal(),
                revision.terms().estimatedDurationDays(),
                revision.terms().earliestStart(),
                revision.createdAt());
    }
}
