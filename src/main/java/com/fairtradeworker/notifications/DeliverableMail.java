package com.fairtradeworker.notifications;

import java.util.UUID;

/**
 * A decrypted mail on its way out. The notification id is the stable key of the message: a resend after a crash
 * carries the same Message-ID, so mail clients can recognise the repeat.
 */
record DeliverableMail(UUID notificationId, String recipient, String subject, String textBody) {

    /** Never prints the address or the body. */
    @Override
    public String toString() {
        return "DeliverableMail[notificationId=" + notificationId + "]";
    }
}
