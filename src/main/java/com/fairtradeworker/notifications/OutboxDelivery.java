package com.fairtradeworker.notifications;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drains one channel of the outbox: each round leases a batch in one short transaction (so any number of instances can
 * poll without taking the same message), then sends each message with no transaction or row lock held, and records
 * the outcome: sent (body erased), retry later with backoff, or failed for good after the last attempt (or at once
 * when the provider refused it for good).
 *
 * <p>Delivery is once in normal operation and at least once across crashes: a crash between the provider accepting a
 * message and it being marked sent resends it when the lease runs out.
 *
 * <p>Log lines name the channel, the notification id and the template only: never the recipient, subject or body.
 */
final class OutboxDelivery {

    /** Rounds per call: 1,000 messages at the default batch size. */
    static final int MAX_ROUNDS = 50;

    private static final Logger log = LoggerFactory.getLogger(OutboxDelivery.class);

    /** Sends one decrypted message; throws when it was not accepted. */
    @FunctionalInterface
    interface Sender {
        void send(ClaimedMail message, String body);

        /** After each batch, whatever happened: a sender that kept a connection open for it closes it. */
        default void batchDone() {}
    }

    private final Channel channel;
    private final String label;
    private final MailOutboxRows rows;
    private final BodyCipher cipher;
    private final Sender sender;
    private final MailSettings settings;
    private final Clock clock;
    private final TransactionTemplate claimTransaction;
    private final RetrySchedule retrySchedule;
    private final Level unreadableBodyLevel;

    /** @param label how log lines name a message of this channel ("Mail", "SMS") */
    OutboxDelivery(
            Channel channel,
            String label,
            MailOutboxRows rows,
            BodyCipher cipher,
            Sender sender,
            MailSettings settings,
            Clock clock,
            PlatformTransactionManager transactionManager,
            String appEnv) {
        this.channel = channel;
        this.label = label;
        this.rows = rows;
        this.cipher = cipher;
        this.sender = sender;
        this.settings = settings;
        this.clock = clock;
        this.claimTransaction = new TransactionTemplate(transactionManager);
        this.retrySchedule = new RetrySchedule(
                settings.firstRetryDelay(),
                settings.maxRetryDelay(),
                () -> ThreadLocalRandom.current().nextDouble());
        // In development every run has its own random secret, so leftovers from an earlier run are expected there.
        this.unreadableBodyLevel = "production".equalsIgnoreCase(appEnv) ? Level.ERROR : Level.WARN;
    }

    /** Sends what is due now, a batch at a time, until a batch comes back short or after {@value #MAX_ROUNDS}. */
    int dispatchDue() {
        int total = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            int claimed = dispatchBatch();
            total += claimed;
            if (claimed < settings.batchSize()) {
                break;
            }
        }
        return total;
    }

    private int dispatchBatch() {
        Instant now = clock.instant();
        List<ClaimedMail> claimed = claimTransaction.execute(
                status -> rows.claimDue(channel, now, now.plus(settings.lease()), settings.batchSize()));
        try {
            for (int i = 0; i < claimed.size(); i++) {
                if (leaseTooShortToSend(claimed.get(i))) {
                    handBack(claimed.subList(i, claimed.size()));
                    break;
                }
                deliver(claimed.get(i));
            }
        } finally {
            sender.batchDone();
        }
        return claimed.size();
    }

    /** A slow provider can use up the batch's lease; past that point another dispatcher may already own the rest. */
    private boolean leaseTooShortToSend(ClaimedMail message) {
        return clock.instant().plus(settings.sendBudget()).isAfter(message.leaseUntil());
    }

    private void handBack(List<ClaimedMail> untried) {
        Instant now = clock.instant();
        untried.forEach(message -> rows.release(message, now));
        log.warn("{} dispatch ran short of its lease; {} handed back untried", label, untried.size());
    }

    private void deliver(ClaimedMail message) {
        String body;
        try {
            body = cipher.open(message.id(), message.encryptedBody());
        } catch (UnreadableBodyException e) {
            rows.markFailed(message, "UNREADABLE_BODY: " + e.getMessage());
            log.atLevel(unreadableBodyLevel)
                    .log(
                            "{} {} ({}) cannot be decrypted ({}): it was stored under another JWT_SECRET (each"
                                    + " development run generates its own) or altered; marked FAILED, not sent",
                            label,
                            message.id(),
                            message.template(),
                            e.getMessage());
            return;
        }
        try {
            sender.send(message, body);
        } catch (UndeliverableException e) {
            rows.markFailed(message, FailureDescription.of(e));
            log.error(
                    "{} {} ({}) was refused for good and is given up: {}",
                    label,
                    message.id(),
                    message.template(),
                    FailureDescription.of(e));
            return;
        } catch (RuntimeException e) {
            recordFailure(message, e);
            return;
        }
        rows.markSent(message.id(), clock.instant());
        log.debug("{} {} ({}) sent on attempt {}", label, message.id(), message.template(), message.attempts());
    }

    private void recordFailure(ClaimedMail message, RuntimeException failure) {
        String error = FailureDescription.of(failure);
        if (message.attempts() >= settings.maxAttempts()) {
            rows.markFailed(message, error);
            log.error(
                    "{} {} ({}) failed {} times and is given up: {}",
                    label,
                    message.id(),
                    message.template(),
                    message.attempts(),
                    error);
            return;
        }
        Instant retryAt = clock.instant().plus(retrySchedule.delayAfter(message.attempts()));
        rows.scheduleRetry(message, retryAt, error);
        log.warn(
                "{} {} ({}) attempt {} of {} failed, next at {}: {}",
                label,
                message.id(),
                message.template(),
                message.attempts(),
                settings.maxAttempts(),
                retryAt,
                error);
    }
}
