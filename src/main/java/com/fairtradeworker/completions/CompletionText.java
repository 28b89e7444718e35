package com.fairtradeworker.completions;

import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The texts of a submission, checked against the limits the {@code job_completions} CHECKs also enforce. Lengths count
 * characters (code points) as PostgreSQL does.
 */
record CompletionText(String summary, String notes) {

    static final int MAX_SUMMARY = 2_000;
    static final int MAX_NOTES = 5_000;
    static final int MAX_REASON = 2_000;

    /** Reports every problem at once (400 validation-failed). Blank notes become none. */
    static CompletionText validated(String summary, String notes) {
        List<Map<String, String>> errors = new ArrayList<>();
        String checkedSummary = text("summary", summary, MAX_SUMMARY, true, errors);
        String checkedNotes = text("notes", notes, MAX_NOTES, false, errors);
        failOn(errors);
        return new CompletionText(checkedSummary, checkedNotes);
    }

    /** The homeowner's reason for asking for changes: 1 to 2000 characters. */
    static String reason(String reason) {
        List<Map<String, String>> errors = new ArrayList<>();
        String checked = text("reason", reason, MAX_REASON, true, errors);
        failOn(errors);
        return checked;
    }

    private static String text(
            String field, String value, int max, boolean required, List<Map<String, String>> errors) {
        String text = value == null ? "" : value.strip();
        if (text.isEmpty()) {
            if (required) {
                errors.add(error(field, "must not be blank"));
            }
            return null;
        }
        if (text.codePointCount(0, text.length()) > max) {
            errors.add(error(field, "must be at most " + max + " characters"));
        } else if (text.indexOf('\0') >= 0) {
            errors.add(error(field, "must not contain NUL characters"));
        }
        return text;
    }

    static void failOn(List<Map<String, String>> errors) {
        if (!errors.isEmpty()) {
            throw new ProblemException(
                    ProblemType.VALIDATION_FAILED, "Some fields are invalid.", Map.of("errors", List.copyOf(errors)));
        }
    }

    static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }
}
