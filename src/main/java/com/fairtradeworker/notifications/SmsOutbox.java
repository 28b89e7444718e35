package com.fairtradeworker.notifications;

import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where this module puts text messages to send: as {@link MailOutbox} does for e-mail, in the caller's transaction,
 * encrypted at rest, ignored when the dedupe key is already there. {@link SmsDispatcher} sends them after commit.
 */
@Component
class SmsOutbox {

    private static final Logger log = LoggerFactory.getLogger(SmsOutbox.class);

    private final MailOutboxRows rows;
    private final BodyCipher cipher;
    private final Clock clock;

    SmsOutbox(MailOutboxRows rows, BodyCipher cipher, Clock clock) {
        this.rows = rows;
        this.cipher = cipher;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void enqueue(OutgoingSms sms) {
        UUID id = UUID.randomUUID();
        if (rows.insertPendingSms(id, sms, cipher.seal(id, sms.body()), clock.instant())) {
            log.debug("SMS {} ({}) queued", id, sms.template());
        } else {
            log.debug("SMS ({}) already queued under its dedupe key; ignored", sms.template());
        }
    }
}
