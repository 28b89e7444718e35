package com.fairtradeworker.reviews;

import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The request bodies of the review routes and their checks, which report every problem at once (400). Bodies carry
 * only what the caller decides: never a status, an author, a subject or a time (unknown fields are refused). Text
 * lengths count characters (code points), as the database CHECKs do; text is kept as given, less surrounding space.
 */
final class ReviewInput {

    static final int MAX_TEXT_LENGTH = 2_000;
    static final int MAX_HIDE_REASON_LENGTH = 1_000;

    private ReviewInput() {}

    /** A review: rating, a whole number from 1 to 5, and text. */
    record Submit(BigDecimal rating, String text) {}

    /** The reviewed party's one public reply. */
    record Reply(String text) {}

    /** An admin hides a review for abuse, saying why. */
    record Hide(String reason) {}

    record Checked(int rating, String text) {}

    static Checked review(Submit request) {
        List<Map<String, String>> errors = new ArrayList<>();
        int rating = 0;
        BigDecimal given = request == null ? null : request.rating();
        if (given == null) {
            errors.add(error("rating", "is required"));
        } else if (given.stripTrailingZeros().scale() > 0
                || given.compareTo(BigDecimal.ONE) < 0
                || given.compareTo(BigDecimal.valueOf(5)) > 0) {
            errors.add(error("rating", "must be a whole number from 1 to 5"));
        } else {
            rating = given.intValueExact();
        }
        String text = text(request == null ? null : request.text(), "text", MAX_TEXT_LENGTH, errors);
        failOn(errors);
        return new Checked(rating, text);
    }

    static String reply(Reply request) {
        List<Map<String, String>> errors = new ArrayList<>();
        String text = text(request == null ? null : request.text(), "text", MAX_TEXT_LENGTH, errors);
        failOn(errors);
        return text;
    }

    static String hideReason(Hide request) {
        List<Map<String, String>> errors = new ArrayList<>();
        String reason = text(request == null ? null : request.reason(), "reason", MAX_HIDE_REASON_LENGTH, errors);
        failOn(errors);
        return reason;
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
