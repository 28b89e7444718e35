package com.fairtradeworker.bidding;

import com.fairtradeworker.shared.Money;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a contractor offers: the price, the proposal text, how long the work takes and when it could start. Created only
 * through {@link #validated}, so every instance respects the limits the {@code bids} CHECKs also enforce.
 */
record BidTerms(Money amount, String proposal, int estimatedDurationDays, LocalDate earliestStart) {

    /** 10^10 minor units: the schema's cap, so amount x fee rate never overflows a bigint. */
    static final long MAX_AMOUNT_MINOR = 10_000_000_000L;

    static final int MAX_PROPOSAL_LENGTH = 5_000;
    static final int MAX_DURATION_DAYS = 3_650;

    /**
     * Checks every field against the limits and the job's currency and reports all problems at once. Lengths count
     * characters (code points) as PostgreSQL does, so an emoji is one character, not two.
     */
    static BidTerms validated(
            Money amount,
            String proposal,
            Integer estimatedDurationDays,
            LocalDate earliestStart,
            String jobCurrency,
            LocalDate today) {
        List<Map<String, String>> errors = new ArrayList<>();
        if (amount == null) {
            errors.add(error("amount", "is required"));
        } else {
            if (amount.amountMinor() <= 0 || amount.amountMinor() > MAX_AMOUNT_MINOR) {
                errors.add(error("amount.amountMinor", "must be between 1 and " + MAX_AMOUNT_MINOR + " minor units"));
            }
            if (!amount.currency().equals(jobCurrency)) {
                errors.add(error("amount.currency", "must be the job's currency, " + jobCurrency));
            }
        }
        String text = proposal == null ? "" : proposal.strip();
        if (text.isEmpty()) {
            errors.add(error("proposal", "must not be blank"));
        } else if (text.codePointCount(0, text.length()) > MAX_PROPOSAL_LENGTH) {
            errors.add(error("proposal", "must be at most " + MAX_PROPOSAL_LENGTH + " characters"));
        }
        if (estimatedDurationDays == null || estimatedDurationDays < 1 || estimatedDurationDays > MAX_DURATION_DAYS) {
            errors.add(error("estimatedDurationDays", "must be between 1 and " + MAX_DURATION_DAYS));
        }
        if (earliestStart != null && earliestStart.isBefore(today)) {
            errors.add(error("earliestStart", "must not be in the past"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(
                    ProblemType.VALIDATION_FAILED, "Some fields are invalid.", Map.of("errors", errors));
        }
        return new BidTerms(amount, text, estimatedDurationDays, earliestStart);
    }

    private static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }
}
