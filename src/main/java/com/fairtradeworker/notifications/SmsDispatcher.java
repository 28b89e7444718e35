package com.fairtradeworker.notifications;

import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends the outbox's due text messages, exactly as {@link MailDispatcher} sends e-mail (same table, leases, retries
 * and backoff, {@code app.mail.*} settings), through Twilio or, in development, the log.
 */
@Service
public class SmsDispatcher {

    private final OutboxDelivery delivery;

    SmsDispatcher(
            MailOutboxRows rows,
            BodyCipher cipher,
            SmsTransport transport,
            MailSettings settings,
            Clock clock,
            PlatformTransactionManager transactionManager,
            @Value("${app.env:development}") String appEnv) {
        this.delivery = new OutboxDelivery(
                Channel.SMS,
                "SMS",
                rows,
                cipher,
                (sms, body) -> transport.send(new DeliverableSms(sms.id(), sms.recipient(), body)),
                settings,
                clock,
                transactionManager,
                appEnv);
    }

    /**
     * Sends the due text messages; refused inside a transaction. The scheduler calls it every poll interval; tests
     * call it directly.
     *
     * @return how many messages this call took from the outbox
     */
    @Transactional(propagation = Propagation.NEVER)
    public int dispatchDue() {
        return delivery.dispatchDue();
    }
}
