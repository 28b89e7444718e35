package com.fairtradeworker.notifications;

/**
 * Hands one text message to the outside world. Throws when it was not accepted: {@link UndeliverableException} when
 * trying again cannot help (the provider refused the number), anything else to be retried with backoff.
 */
interface SmsTransport {

    void send(DeliverableSms sms);
}
