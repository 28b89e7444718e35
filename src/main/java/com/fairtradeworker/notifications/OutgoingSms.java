package com.fairtradeworker.notifications;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One text message to enqueue.
 *
 * @param to an E.164 number, such as {@code +15551234567}
 * @param body at most {@value #MAX_BODY_CHARS} characters (what Twilio accepts); may hold a verification code, so it is
 *     stored only encrypted and erased once sent
 */
record OutgoingSms(UUID userId, String to, String template, String dedupeKey, String body) {

    static final int MAX_BODY_CHARS = 1600;
    static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{1,14}$");

    OutgoingSms {
        Objects.requireNonNull(userId, "userId");
        if (to == null || !E164.matcher(to).matches()) {
            throw new IllegalArgumentException("to must be an E.164 phone number");
        }
        if (template == null || template.isBlank() || template.length() > 100) {
            throw new IllegalArgumentException("template must be 1-100 characters");
        }
        if (dedupeKey == null || dedupeKey.isBlank() || dedupeKey.length() > 255) {
            throw new IllegalArgumentException("dedupeKey must be 1-255 characters");
        }
        if (body == null || body.isBlank() || body.length() > MAX_BODY_CHARS) {
            throw new IllegalArgumentException("body must be 1-" + MAX_BODY_CHARS + " characters");
        }
    }

    /** Never prints the number or the body. */
    @Override
    public String toString() {
        return "OutgoingSms[userId=" + userId + ", template=" + template + "]";
    }
}
