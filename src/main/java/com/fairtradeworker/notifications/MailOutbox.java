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
    private final NotificationPreferences preferences;
    private final PhoneCodes phoneCodes;
    private final Clock clock;

    MailOutbox(
            MailOutboxRows rows,
            BodyCipher cipher,
            NotificationPreferences preferences,
            PhoneCodes phoneCodes,
            Clock clock) {
        this.rows = rows;
        this.cipher = cipher;
        this.preferences = preferences;
        this.phoneCodes = phoneCodes;
        this.clock = clock;
    }

    /**
     * Stores the mail for sending after the caller's transaction commits. A mail whose dedupe key is already in the
     * outbox (sent or not) is ignored, so a retried action never mails twice. A mail whose template belongs to a
     * {@link NotificationGroup} (the credential reminders) is dropped when the user switched that group's e-mail off;
     * every other mail (account and security mails) is always stored.
     *
     * @throws org.springframework.transaction.IllegalTransactionStateException outside a transaction
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void enqueue(OutgoingMail mail) {
        boolean wanted = NotificationGroup.ofDirectMailTemplate(mail.template())
                .map(group -> preferences.enabled(mail.userId(), group, Channel.EMAIL))
                .orElse(true);
        if (!wanted) {
            log.debug("Mail ({}) not queued: the user switched its group off", mail.template());
            return;
        }
        UUID id = UUID.randomUUID();
        boolean queued = rows.insertPending(id, mail, cipher.seal(id, mail.textBody()), clock.instant());
        if (queued) {
            log.debug("Mail {} ({}) queued", id, mail.template());
        } else {
            log.debug("Mail ({}) already queued under its dedupe key; ignored", mail.template());
        }
    }

    /**
     * Account deletion: erases the address, subject and body of every message (e-mail and SMS) of the user and of every
     * mail sent to one of {@code addresses}, replacing the address with {@code pseudonymousAddress}. Unsent messages
     * are given up, and a pending phone verification code is deleted.
     *
     * @return how many mails were erased
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int eraseRecipient(UUID userId, List<String> addresses, String pseudonymousAddress) {
        phoneCodes.delete(userId);
        return rows.eraseRecipient(userId, addresses, pseudonymousAddress);
    }
}
