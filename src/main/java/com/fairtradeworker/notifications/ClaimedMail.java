package com.fairtradeworker.notifications;

import java.time.Instant;
import java.util.UUID;

/**
 * A due message (e-mail or SMS) this dispatcher has leased: no other dispatcher takes it before {@code leaseUntil}.
 * {@code attempts} counts this attempt and fences every later update, so a dispatcher whose lease ran out cannot
 * overwrite the state written by the one that took over.
 *
 * @param subject null for SMS
 */
record ClaimedMail(
        UUID id,
        String template,
        String recipient,
        String subject,
        String encryptedBody,
        int attempts,
        Instant leaseUntil,
        MailFormat format) {

    @Override
    public String toString() {
        return "ClaimedMail[id=" + id + ", template=" + template + ", attempts=" + attempts + "]";
    }
}
