package com.fairtradeworker.escrow;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The money figures of the payments dashboard (Micrometer, exposed to Prometheus): every journal transaction, counted
 * when it commits, by kind (FUND, RELEASE, REFUND, SPLIT, PAYOUT, PROCESSING_FEE) and currency, with the money it moved
 * in minor units ({@code ftw.ledger.transactions}, {@code ftw.ledger.amount}); and the payouts waiting for a payout
 * account ({@code ftw.escrow.payouts.waiting}, counted in the database when scraped, so every instance reports the
 * same: dashboards take the max across instances, not the sum). Provider calls, their retries and webhook lag are the Stripe adapter's ({@code docs/stripe.md}).
 */
@Component
class PaymentMetrics {

    static final String TRANSACTIONS = "ftw.ledger.transactions";
    static final String AMOUNT = "ftw.ledger.amount";
    static final String WAITING_PAYOUTS = "ftw.escrow.payouts.waiting";

    private final MeterRegistry meters;

    PaymentMetrics(MeterRegistry meters, JdbcClient jdbc) {
        this.meters = meters;
        Gauge.builder(WAITING_PAYOUTS, jdbc, PaymentMetrics::waitingPayouts)
                .description("Payouts waiting for the contractor's payout account")
                .register(meters);
    }

    /** Counts the transaction once the surrounding database transaction commits (nothing on a rollback). */
    void posted(JournalTransaction transaction) {
        long moved = transaction.postings().stream()
                .mapToLong(Posting::amountMinor)
                .filter(amount -> amount > 0)
                .sum();
        String kind = transaction.kind().name();
        String currency = transaction.currency();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                meters.counter(TRANSACTIONS, "kind", kind, "currency", currency).increment();
                meters.counter(AMOUNT, "kind", kind, "currency", currency).increment(moved);
            }
        });
    }

    /** NaN (no sample) when the database does not answer, so the rest of the scrape still reports. */
    private static double waitingPayouts(JdbcClient jdbc) {
        try {
            return jdbc.sql("SELECT count(*) FROM payouts WHERE status = 'PENDING_ACCOUNT'")
                    .withQueryTimeout(2)
                    .query(Long.class)
                    .single();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
