package com.fairtradeworker.notifications;

import java.util.UUID;

/** A decrypted text message on its way out, to an E.164 number. */
record DeliverableSms(UUID notificationId, String to, String body) {

    /** Never prints the number or the body (a body may hold a verification code). */
    @Override
    public String toString() {
        return "DeliverableSms[notificationId=" + notificationId + "]";
    }
}
