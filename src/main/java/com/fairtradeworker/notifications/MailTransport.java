package com.fairtradeworker.notifications;

/** Hands one message to the outside world. Throws when it was not accepted, so the dispatcher retries it. */
interface MailTransport {

    void send(DeliverableMail mail);

    /** The dispatcher finished a batch: a transport that kept a connection open for it closes it. */
    default void batchDone() {}
}
