package com.fairtradeworker.notifications;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One plain-text e-mail to enqueue.
 *
 * @param userId the account it concerns (the row is deleted with the account)
 * @param recipient a single address; checked now, so a malformed one fails the caller instead of every retry
 * @param template a stable name for logs and statistics, such as {@code identity.verify-email}
 * @param dedupeKey unique across all notifications: a second mail with the same key is ignored, so a retried action
 *     never mails twice
 * @param subject not secret: never put a token or link in it (it is stored and may be logged by mail servers)
 * @param textBody may contain single-use links; it is stored only encrypted and erased once sent
 */
public record OutgoingMail(
        UUID userId, String recipient, String template, String dedupeKey, String subject, String textBody) {

    /** Keeps the encrypted, base64-encoded body within the column's 100,000 characters. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private static final Pattern TEMPLATE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$");

    public OutgoingMail {
        Objects.requireNonNull(userId, "userId");
        requireAddress(recipient);
        if (template == null || !TEMPLATE.matcher(template).matches()) {
            throw new IllegalArgumentException("template must be 1-100 letters, digits, '.', '_' or '-'");
        }
        if (dedupeKey == null || dedupeKey.isBlank() || dedupeKey.length() > 255) {
            throw new IllegalArgumentException("dedupeKey must be 1-255 characters");
        }
        if (subject == null || subject.isBlank() || subject.length() > 300) {
            throw new IllegalArgumentException("subject must be 1-300 characters");
        }
        if (subject.indexOf('\r') >= 0 || subject.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("subject must be a single line");
        }
        Objects.requireNonNull(textBody, "textBody");
        if (textBody.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("textBody is longer than " + MAX_BODY_BYTES + " bytes");
        }
    }

    private static void requireAddress(String recipient) {
        if (recipient == null || recipient.isBlank() || recipient.length() > 320) {
            throw new IllegalArgumentException("recipient must be an e-mail address");
        }
        try {
            InternetAddress address = new InternetAddress(recipient, true);
            if (address.getPersonal() != null || !recipient.equals(address.getAddress())) {
                throw new IllegalArgumentException("recipient must be a bare e-mail address");
            }
        } catch (AddressException e) {
            // The message quotes the address: keep it out of exceptions that may be logged.
            throw new IllegalArgumentException("recipient is not a valid e-mail address");
        }
    }

    /** Never prints the address or the body. */
    @Override
    public String toString() {
        return "OutgoingMail[userId=" + userId + ", template=" + template + "]";
    }
}
