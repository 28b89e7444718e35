package com.fairtradeworker.notifications;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the outbox's due e-mails. Each round leases a batch in one short transaction (so any number of instances can
 * poll without taking the same mail), then sends each mail with no transaction or row lock held, and records the
 * outcome: sent (body erased), retry later with backoff, or failed for good after the last attempt.
 *
 * <p>Delivery is once in normal operation and at least once across crashes: a crash between the relay accepting a
 * mail and it being marked sent resends it when the lease runs out, with the same Message-ID.
 *
 * <p>Log lines name the notification id and template only: never the address, the subject or the body.
 */
@Service
public class MailDispatcher {

    /** Rounds per call: 1,000 mails at the default batch size. */
    static final int MAX_ROUNDS = 50;

    private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);

    private final MailOutboxRows rows;
    private final BodyCipher cipher;
    private final MailTransport transport;
    private final MailSettings settings;
    private final Clock clock;
    private final TransactionTemplate claimTransaction;
    private final RetrySchedule retrySchedule;
    private final Level unreadableBodyLevel;

    MailDispatcher(
            MailOutboxRows rows,
            BodyCipher cipher,
            MailTransport transport,
            MailSettings settings,
            Clock clock,
            PlatformTransactionManager transactionManager,
            @Value("${app.env:development}") String appEnv) {
        this.rows = rows;
        this.cipher = cipher;
        this.transport = transport;
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

    /**
     * Sends what is due now: leases a batch at a time and tries each mail once, until a batch comes back short (or
     * after {@value #MAX_ROUNDS} batches, so one call never runs unbounded). Refused inside a transaction, because
     * sending must not hold one open. The scheduler calls it every poll interval; tests call it directly.
     *
     * @return how many mails this call took from the outbox (sent, rescheduled, failed or handed back); 0 when none
     *     was due
     */
    @Transactional(propagation = Propagation.NEVER)
    public int dispatchDue() {
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
                status -> rows.claimDue(now, now.plus(settings.lease()), settings.batchSize()));
        for (int i = 0; i < claimed.size(); i++) {
            if (leaseTooShortToSend(claimed.get(i))) {
                handBack(claimed.subList(i, claimed.size()));
                break;
            }
            deliver(claimed.get(i));
        }
        return claimed.size();
    }

    /** A slow relay can use up the batch's lease; past that point another dispatcher may already own the rest. */
    private boolean leaseTooShortToSend(ClaimedMail mail) {
        return clock.instant().plus(settings.sendBudget()).isAfter(mail.leaseUntil());
    }

    private void handBack(List<ClaimedMail> untried) {
        Instant now = clock.instant();
        untried.forEach(mail -> rows.release(mail, now));
        log.warn("Mail dispatch ran short of its lease; {} mails handed back untried", untried.size());
    }

    private void deliver(ClaimedMail mail) {
        String body;
        try {
            body = cipher.open(mail.id(), mail.encryptedBody());
        } catch (UnreadableBodyException e) {
            rows.markFailed(mail, "UNREADABLE_BODY: " + e.getMessage());
            log.atLevel(unreadableBodyLevel)
                    .log(
                            "Mail {} ({}) cannot be decrypted ({}): it was stored under another JWT_SECRET (each"
                                    + " development run generates its own) or altered; marked FAILED, not sent",
                            mail.id(),
                            mail.template(),
                            e.getMessage());
            return;
        }
        try {
            transport.send(new DeliverableMail(mail.id(), mail.recipient(), mail.subject(), body));
        } catch (RuntimeException e) {
            recordFailure(mail, e);
            return;
        }
        rows.markSent(mail.id(), clock.instant());
        log.debug("Mail {} ({}) sent on attempt {}", mail.id(), mail.template(), mail.attempts());
    }

    private void recordFailure(ClaimedMail mail, RuntimeException failure) {
        String error = FailureDescription.of(failure);
        if (mail.attempts() >= settings.maxAttempts()) {
            rows.markFailed(mail, error);
            log.error(
                    "Mail {} ({}) failed {} times and is given up: {}",
                    mail.id(),
                    mail.template(),
                    mail.attempts(),
                    error);
            return;
        }
        Instant retryAt = clock.instant().plus(retrySchedule.delayAfter(mail.attempts()));
        rows.scheduleRetry(mail, retryAt, error);
        log.warn(
                "Mail {} ({}) attempt {} of {} failed, next at {}: {}",
                mail.id(),
                mail.template(),
                mail.attempts(),
                settings.maxAttempts(),
                retryAt,
                error);
    }
}
