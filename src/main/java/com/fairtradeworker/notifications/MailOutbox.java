package com.fairtradeworker.notifications;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where modules put e-mail to send. Call it inside the transaction that makes the change the mail is about: the mail
 * is stored with that change and vanishes if it rolls back. Nothing is sent here, so enqueueing never blocks or fails
 * on the mail server; {@link MailDispatcher} sends after commit, retrying with backoff.
 */
@Service
public class MailOutbox {

    private static final Logger log = LoggerFactory.getLogger(MailOutbox.class);

    private final MailOutboxRows rows;
    private final BodyCipher cipher;
    private final Clock clock;

    MailOutbox(MailOutboxRows rows, BodyCipher cipher, Clock clock) {
        this.rows = rows;
        this.cipher = cipher;
        this.clock = clock;
    }

    /**
     * Stores the mail for sending after the caller's transaction commits. A mail whose dedupe key is already in the
     * outbox (sent or not) is ignored, so a retried action never mails twice.
     *
     * @throws org.springframework.transaction.IllegalTransactionStateException outside a transaction
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void enqueue(OutgoingMail mail) {
        UUID id = UUID.randomUUID();
        boolean queued = rows.insertPending(id, mail, cipher.seal(id, mail.textBody()), clock.instant());
        if (queued) {
            log.debug("Mail {} ({}) queued", id, mail.template());
        } else {
            log.debug("Mail ({}) already queued under its dedupe key; ignored", mail.template());
        }
    }

    /**
     * Account deletion: erases the address, subject and body of every mail of the user and of every mail sent to one of
     * {@code addresses}, replacing the address with {@code pseudonymousAddress}. Unsent mails are given up.
     *
     * @return how many mails were erased
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int eraseRecipient(UUID userId, List<String> addresses, String pseudonymousAddress) {
        return rows.eraseRecipient(userId, addresses, pseudonymousAddress);
    }
}
