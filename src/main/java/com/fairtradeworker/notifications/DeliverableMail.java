package com.fairtradeworker.notifications;

import java.util.UUID;

/**
 * A decrypted mail on its way out. The notification id is the stable key of the message: a resend after a crash
 * carries the same Message-ID, so mail clients can recognise the repeat.
 *
 * @param htmlBody the HTML alternative rendered from the text, or null for a plain-text mail
 */
record DeliverableMail(UUID notificationId, String recipient, String subject, String textBody, String htmlBody) {

    DeliverableMail(UUID notificationId, String recipient, String subject, String textBody) {
        this(notificationId, recipient, subject, textBody, null);
    }

    /** Never prints the address or the body. */
    @Override
    public String toString() {
        return "DeliverableMail[notificationId=" + notificationId + "]";
    }
}
