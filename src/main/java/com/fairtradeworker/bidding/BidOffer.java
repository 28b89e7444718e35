package com.fairtradeworker.bidding;

import com.fairtradeworker.shared.Money;
import java.time.LocalDate;

/** The terms as a contractor sent them, before they are checked against the limits and the job's currency. */
record BidOffer(Money amount, String proposal, Integer estimatedDurationDays, LocalDate earliestStart) {

    BidTerms validatedFor(String jobCurrency, LocalDate today) {
        return BidTerms.validated(amount, proposal, estimatedDurationDays, earliestStart, jobCurrency, today);
    }
}
