package com.fairtradeworker.notifications;

import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends the outbox's due e-mails ({@link OutboxDelivery} describes the leasing, retries and guarantees). Mails of
 * format {@link MailFormat#TEXT_AND_HTML} get their HTML part rendered from the text here, just before sending.
 *
 * <p>Delivery is once in normal operation and at least once across crashes: a crash between the relay accepting a
 * mail and it being marked sent resends it when the lease runs out, with the same Message-ID.
 */
@Service
public class MailDispatcher {

    private final OutboxDelivery delivery;

    MailDispatcher(
            MailOutboxRows rows,
            BodyCipher cipher,
            MailTransport transport,
            MailSettings settings,
            Clock clock,
            PlatformTransactionManager transactionManager,
            @Value("${app.env:development}") String appEnv) {
        this.delivery = new OutboxDelivery(
                Channel.EMAIL,
                "Mail",
                rows,
                cipher,
                new OutboxDelivery.Sender() {
                    @Override
                    public void send(ClaimedMail mail, String body) {
                        transport.send(deliverable(mail, body));
                    }

                    @Override
                    public void batchDone() {
                        transport.batchDone();
                    }
                },
                settings,
                clock,
                transactionManager,
                appEnv);
    }

    /**
     * Sends what is due now: leases a batch at a time and tries each mail once, until a batch comes back short (or
     * after {@value OutboxDelivery#MAX_ROUNDS} batches, so one call never runs unbounded). Refused inside a
     * transaction, because sending must not hold one open. The scheduler calls it every poll interval; tests call it
     * directly.
     *
     * @return how many mails this call took from the outbox (sent, rescheduled, failed or handed back); 0 when none
     *     was due
     */
    @Transactional(propagation = Propagation.NEVER)
    public int dispatchDue() {
        return delivery.dispatchDue();
    }

    private static DeliverableMail deliverable(ClaimedMail mail, String body) {
        String html = mail.format() == MailFormat.TEXT_AND_HTML ? MailHtml.render(mail.subject(), body) : null;
        return new DeliverableMail(mail.id(), mail.recipient(), mail.subject(), body, html);
    }
}
