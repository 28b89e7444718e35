package com.fairtradeworker.notifications;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One notification about something that happened, for one user, over the channels they chose for its group.
 *
 * @param email the account's address; null when it has none (the e-mail is then skipped)
 * @param template a stable name such as {@code bidding.bid-received}
 * @param occurrence what happened, stably: the same value every time the same event is handled (a bid id, a
 *     contract id and the new state), so a re-delivered event yields the same dedupe keys and is dropped
 * @param subject the e-mail subject: one line, no secrets
 * @param text the e-mail text: plain, with its link; user-provided parts are fine here, the HTML part escapes them
 * @param sms the text message, or null when this notification has none
 */
public record UserNotification(
        UUID userId,
        String email,
        NotificationGroup group,
        String template,
        String occurrence,
        String subject,
        String text,
        String sms) {

    private static final Pattern TEMPLATE = Pattern.compile("^[a-z][a-z0-9.-]{0,79}$");
    private static final Pattern OCCURRENCE = Pattern.compile("^[A-Za-z0-9:._-]{1,120}$");

    public UserNotification {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(group, "group");
        if (template == null || !TEMPLATE.matcher(template).matches()) {
            throw new IllegalArgumentException("template must be 1-80 lower-case letters, digits, '.' or '-'");
        }
        if (occurrence == null || !OCCURRENCE.matcher(occurrence).matches()) {
            throw new IllegalArgumentException("occurrence must be 1-120 letters, digits, ':', '.', '_' or '-'");
        }
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
    }

    /**
     * Unique per event, template, recipient and channel: {@code template:occurrence:user:channel} (at most 250
     * characters, within the column's 255).
     */
    String dedupeKey(Channel channel) {
        return template + ":" + occurrence + ":" + userId + ":" + channel;
    }

    /** Never prints the address or the content. */
    @Override
    public String toString() {
        return "UserNotification[userId=" + userId + ", template=" + template + ", occurrence=" + occurrence + "]";
    }
}
