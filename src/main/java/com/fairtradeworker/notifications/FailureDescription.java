package com.fairtradeworker.notifications;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Says why a send failed, for {@code last_error} and the log, without the recipient: SMTP servers quote addresses in
 * their replies ("550 5.1.1 &lt;someone@example.com&gt;: unknown user"), so anything shaped like one is masked.
 */
final class FailureDescription {

    static final int MAX_LENGTH = 500;
    private static final int MAX_CAUSES = 4;
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"'@,;:()\\[\\]]+@[^\\s<>\"'@,;:()\\[\\]]+");

    private FailureDescription() {}

    static String of(Throwable failure) {
        List<String> parts = new ArrayList<>();
        for (Throwable cause = failure; cause != null && parts.size() < MAX_CAUSES; cause = next(cause)) {
            String message = cause.getMessage();
            parts.add(cause.getClass().getSimpleName()
                    + (message == null || message.isBlank() ? "" : ": " + masked(message.strip())));
        }
        String description = String.join(" <- ", parts).replaceAll("\\s+", " ");
        return description.length() <= MAX_LENGTH ? description : description.substring(0, MAX_LENGTH - 3) + "...";
    }

    static String masked(String text) {
        return ADDRESS.matcher(text).replaceAll("<address>");
    }

    private static Throwable next(Throwable cause) {
        Throwable next = cause.getCause();
        return next == cause ? null : next;
    }
}
