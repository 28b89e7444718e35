package com.fairtradeworker.disputes;

import com.fairtradeworker.shared.Money;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The request bodies of the dispute routes and their checks, which report every problem at once (400). Bodies carry
 * only what the caller decides: never a status, a party, an id of the other side or a timestamp (unknown fields are
 * refused). Text lengths count characters (code points), as the database CHECKs do.
 */
final class DisputeInput {

    static final int MAX_STATEMENT_LENGTH = 5_000;
    static final int MAX_RESOLUTION_REASON_LENGTH = 2_000;

    private DisputeInput() {}

    /** Opening a dispute; {@code desiredSplit} (the amount to the contractor) only with desiredOutcome SPLIT. */
    record OpenDispute(DisputeReason reason, DisputeOutcome desiredOutcome, Money desiredSplit, String statement) {}

    /** A response, or a further statement. */
    record Statement(String statement) {}

    /** An admin's decision; {@code splitToContractor} only with outcome SPLIT. */
    record Resolve(DisputeOutcome outcome, Money splitToContractor, String reason) {}

    static DisputeClaim claim(OpenDispute request, Money contractAmount) {
        List<Map<String, String>> errors = new ArrayList<>();
        if (request.reason() == null) {
            errors.add(error("reason", "is required"));
        }
        if (request.desiredOutcome() == null) {
            errors.add(error("desiredOutcome", "is required"));
        }
        Long split = split(request.desiredOutcome(), request.desiredSplit(), "desiredSplit", contractAmount, errors);
        String statement = text(request.statement(), "statement", MAX_STATEMENT_LENGTH, errors);
        failOn(errors);
        return new DisputeClaim(request.reason(), request.desiredOutcome(), split, statement);
    }

    static String statement(Statement request) {
        List<Map<String, String>> errors = new ArrayList<>();
        String statement =
                text(request == null ? null : request.statement(), "statement", MAX_STATEMENT_LENGTH, errors);
        failOn(errors);
        return statement;
    }

    static Dispute.Resolution resolution(Resolve request, Money contractAmount) {
        List<Map<String, String>> errors = new ArrayList<>();
        if (request.outcome() == null) {
            errors.add(error("outcome", "is required"));
        }
        Long split = split(request.outcome(), request.splitToContractor(), "splitToContractor", contractAmount, errors);
        String reason = text(request.reason(), "reason", MAX_RESOLUTION_REASON_LENGTH, errors);
        failOn(errors);
        return new Dispute.Resolution(request.outcome(), split, reason);
    }

    /** The contractor's part of a split: more than zero, less than the contract amount, in its currency. */
    private static Long split(
            DisputeOutcome outcome,
            Money amount,
            String field,
            Money contractAmount,
            List<Map<String, String>> errors) {
        if (outcome != DisputeOutcome.SPLIT) {
            if (amount != null) {
                errors.add(error(field, "is only for the outcome SPLIT"));
            }
            return null;
        }
        if (amount == null) {
            errors.add(error(field, "is required for the outcome SPLIT"));
            return null;
        }
        if (!amount.currency().equals(contractAmount.currency())) {
            errors.add(error(field + ".currency", "must be the contract's currency, " + contractAmount.currency()));
        }
        if (amount.amountMinor() <= 0 || amount.amountMinor() >= contractAmount.amountMinor()) {
            errors.add(error(
                    field + ".amountMinor",
                    "must be more than 0 and less than the contract amount, " + contractAmount.amountMinor()));
        }
        return amount.amountMinor();
    }

    private static String text(String value, String field, int max, List<Map<String, String>> errors) {
        String text = value == null ? "" : value.strip();
        if (text.isEmpty()) {
            errors.add(error(field, "must not be blank"));
        } else if (text.codePointCount(0, text.length()) > max) {
            errors.add(error(field, "must be at most " + max + " characters"));
        }
        return text;
    }

    private static void failOn(List<Map<String, String>> errors) {
        if (!errors.isEmpty()) {
            throw new ProblemException(
                    ProblemType.VALIDATION_FAILED, "Some fields are invalid.", Map.of("errors", errors));
        }
    }

    private static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }
}
