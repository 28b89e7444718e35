package com.fairtradeworker.notifications;

import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Puts a {@link UserNotification} into the outbox for each channel the user wants for its group: e-mail (text with an
 * escaped HTML alternative) to the account's address, SMS only to a verified number. Nothing is sent here; the
 * dispatchers send after commit, retrying with backoff. Each message's dedupe key is built from the occurrence,
 * template, recipient and channel, so handling the same event twice (a re-delivered publication) stores nothing new.
 */
@Service
public class UserNotifier {

    private static final Logger log = LoggerFactory.getLogger(UserNotifier.class);

    private final NotificationPreferences preferences;
    private final UserPhones phones;
    private final MailOutboxRows rows;
    private final SmsOutbox sms;
    private final BodyCipher cipher;
    private final Clock clock;

    UserNotifier(
            NotificationPreferences preferences,
            UserPhones phones,
            MailOutboxRows rows,
            SmsOutbox sms,
            BodyCipher cipher,
            Clock clock) {
        this.preferences = preferences;
        this.phones = phones;
        this.rows = rows;
        this.sms = sms;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** @throws org.springframework.transaction.IllegalTransactionStateException outside a transaction */
    @Transactional(propagation = Propagation.MANDATORY)
    public void send(UserNotification notification) {
        UUID userId = notification.userId();
        if (notification.email() != null && preferences.enabled(userId, notification.group(), Channel.EMAIL)) {
            enqueueMail(notification);
        }
        if (notification.sms() != null && preferences.enabled(userId, notification.group(), Channel.SMS)) {
            phones.verified(userId)
                    .ifPresent(number -> sms.enqueue(new OutgoingSms(
                            userId,
                            number,
                            notification.template(),
                            notification.dedupeKey(Channel.SMS),
                            notification.sms())));
        }
    }

    private void enqueueMail(UserNotification notification) {
        OutgoingMail mail = new OutgoingMail(
                notification.userId(),
                notification.email(),
                notification.template(),
                notification.dedupeKey(Channel.EMAIL),
                notification.subject(),
                notification.text());
        UUID id = UUID.randomUUID();
        boolean queued = rows.insertPending(
                id, mail, cipher.seal(id, mail.textBody()), clock.instant(), MailFormat.TEXT_AND_HTML);
        if (!queued) {
            log.debug("Notification ({}) already queued under its dedupe key; ignored", notification.template());
        }
    }
}
