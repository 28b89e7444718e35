package com.fairtradeworker.escrow.stripe;

import com.fairtradeworker.escrow.PaymentProvider;
import com.fairtradeworker.timers.DueTimer;
import com.fairtradeworker.timers.DueTimers;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds the reconciliation's timer at start-up when Stripe is the provider and no instance has seeded it yet (a second
 * instance starting at the same moment meets the one-live-timer index and leaves it be).
 */
@Component
class ReconciliationSchedule implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationSchedule.class);

    private final PaymentProvider provider;
    private final DueTimers timers;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ReconciliationSchedule(PaymentProvider provider, DueTimers timers, TransactionTemplate transactions, Clock clock) {
        this.provider = provider;
        this.timers = timers;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (provider.unwrap(StripePaymentProvider.class).isPresent()) {
            seed();
        }
    }

    /** Schedules the first run unless a run is already scheduled; returns when it is due. */
    Instant seed() {
        try {
            return transactions.execute(status -> {
                Optional<DueTimer> live = timers.find(StripeReconciliation.KIND, StripeReconciliation.SUBJECT);
                if (live.isPresent()) {
                    return live.get().dueAt();
                }
                Instant first = StripeReconciliation.firstRun(clock.instant());
                timers.schedule(StripeReconciliation.KIND, StripeReconciliation.SUBJECT, first);
                log.info("Reconciliation with Stripe scheduled: first run at {}", first);
                return first;
            });
        } catch (DataIntegrityViolationException anotherInstanceWasFirst) {
            return null;
        }
    }
}
