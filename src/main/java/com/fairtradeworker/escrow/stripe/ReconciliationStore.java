package com.fairtradeworker.escrow.stripe;

import com.fairtradeworker.shared.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL of the reconciliation: the journal movements (and provider records) of Stripe-funded contracts in a time window,
 * and the runs and mismatches it records ({@code reconciliation_runs}, {@code reconciliation_mismatches}).
 */
@Repository
class ReconciliationStore {

    /** A movement to compare: the journal transaction (if any), its contract, Stripe's id, and our amount. */
    record Item(UUID transactionId, UUID contractId, String providerReference, Money amount) {}

    record Mismatch(
            String kind,
            UUID contractId,
            UUID transactionId,
            String providerReference,
            Money expected,
            Money reported,
            String detail) {}

    record Run(UUID id, Instant windowStart, Instant windowEnd, int checked, int mismatches, Instant completedAt) {}

    record Found(
            UUID id,
            UUID runId,
            String kind,
            UUID contractId,
            UUID transactionId,
            String providerReference,
            Money expected,
            Money reported,
            String detail,
            Instant foundAt) {}

    /** Contracts whose money went through Stripe (the simulated provider's records are not reconciled). */
    private static final String STRIPE_CONTRACT =
            " EXISTS (SELECT 1 FROM payments p WHERE p.contract_id = t.contract_id"
                    + " AND p.provider = 'STRIPE' AND p.status IN ('SUCCEEDED', 'REFUNDED')) ";

    private final JdbcClient jdbc;

    ReconciliationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** FUND transactions: the PaymentIntent and the amount it put into the provider's cash. */
    List<Item> funds(Instant from, Instant to) {
        return movements("FUND", "PROVIDER_CASH", 1, from, to);
    }

    /** PROCESSING_FEE transactions: the balance transaction and the fee. */
    List<Item> processingFees(Instant from, Instant to) {
        return movements("PROCESSING_FEE", "PROCESSING_FEES", 1, from, to);
    }

    /** Transfers with a PAYOUT movement in the window, each with everything our journal says it moved, net. */
    List<Item> transfers(Instant from, Instant to) {
        return jdbc.sql("""
                SELECT NULL::uuid AS id, min(t.contract_id::text)::uuid AS contract_id, t.provider_reference,
                       -sum(e.amount_minor) AS amount, min(e.currency) AS currency
                  FROM transactions t
                  JOIN ledger_entries e ON e.transaction_id = t.id
                  JOIN ledger_accounts a ON a.id = e.ledger_account_id AND a.kind = 'PROVIDER_CASH'
                 WHERE t.kind = 'PAYOUT'
                   AND t.provider_reference IN (
                        SELECT t.provider_reference FROM transactions t
                         WHERE t.kind = 'PAYOUT' AND t.provider_reference IS NOT NULL
                           AND t.occurred_at >= :from AND t.occurred_at < :to AND """ + STRIPE_CONTRACT + ")" + """
                 GROUP BY t.provider_reference
                 ORDER BY t.provider_reference
                """)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query(ReconciliationStore::item)
                .list();
    }

    /** Refunds that succeeded in the window, by their Stripe refund id. */
    List<Item> succeededRefunds(Instant from, Instant to) {
        return jdbc.sql("""
                SELECT r.transaction_id AS id, r.contract_id, r.provider_refund_id AS provider_reference,
                       r.amount_minor AS amount, r.currency
                  FROM refunds r JOIN payments p ON p.id = r.payment_id AND p.provider = 'STRIPE'
                 WHERE r.status = 'SUCCEEDED' AND r.refunded_at >= :from AND r.refunded_at < :to
                 ORDER BY r.refunded_at, r.id
                """)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query(ReconciliationStore::item)
                .list();
    }

    /** Refunds the ledger made that Stripe has not finished since before {@code before}. */
    List<Item> pendingRefunds(Instant before) {
        return jdbc.sql("""
                SELECT r.transaction_id AS id, r.contract_id, p.provider_payment_id AS provider_reference,
                       r.amount_minor AS amount, r.currency
                  FROM refunds r JOIN payments p ON p.id = r.payment_id AND p.provider = 'STRIPE'
                 WHERE r.status = 'PENDING' AND r.created_at < :before
                 ORDER BY r.created_at, r.id
                 LIMIT 200
                """)
                .param("before", Timestamp.from(before))
                .query(ReconciliationStore::item)
                .list();
    }

    /** Stripe payments we still see as unfinished since before {@code before}. */
    List<Item> unfinishedPayments(Instant before) {
        return jdbc.sql("""
                SELECT NULL::uuid AS id, p.contract_id, p.provider_payment_id AS provider_reference,
                       p.amount_minor AS amount, p.currency
                  FROM payments p
                 WHERE p.provider = 'STRIPE' AND p.status IN ('PENDING', 'PROCESSING')
                   AND p.provider_payment_id IS NOT NULL AND p.created_at < :before
                 ORDER BY p.created_at, p.id
                 LIMIT 200
                """)
                .param("before", Timestamp.from(before))
                .query(ReconciliationStore::item)
                .list();
    }

    Optional<Instant> lastWindowEnd() {
        return jdbc.sql("SELECT max(window_end) FROM reconciliation_runs")
                .query((row, number) ->
                        row.getTimestamp(1) == null ? null : row.getTimestamp(1).toInstant())
                .optional();
    }

    UUID startRun(Instant from, Instant to, Instant now) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO reconciliation_runs (id, provider, window_start, window_end, completed_at)
                VALUES (:id, 'STRIPE', :from, :to, :now)
                """)
                .param("id", id)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .param("now", Timestamp.from(now))
                .update();
        return id;
    }

    void finishRun(UUID runId, int checked, int mismatches, Instant now) {
        jdbc.sql("UPDATE reconciliation_runs SET checked = ?, mismatches = ?, completed_at = ? WHERE id = ?")
                .params(checked, mismatches, Timestamp.from(now), runId)
                .update();
    }

    void saveMismatch(UUID runId, Mismatch mismatch, Instant now) {
        Money money = mismatch.expected() != null ? mismatch.expected() : mismatch.reported();
        jdbc.sql("""
                INSERT INTO reconciliation_mismatches (run_id, kind, contract_id, transaction_id, provider_reference,
                                                       expected_minor, reported_minor, currency, detail, found_at)
                VALUES (:run, :kind, :contract, :transaction, :reference, :expected, :reported, :currency, :detail,
                        :now)
                """)
                .param("run", runId)
                .param("kind", mismatch.kind())
                .param("contract", mismatch.contractId())
                .param("transaction", mismatch.transactionId())
                .param("reference", mismatch.providerReference())
                .param(
                        "expected",
                        mismatch.expected() == null ? null : mismatch.expected().amountMinor())
                .param(
                        "reported",
                        mismatch.reported() == null ? null : mismatch.reported().amountMinor())
                .param("currency", money == null ? null : money.currency())
                .param(
                        "detail",
                        mismatch.detail().length() > 1000 ? mismatch.detail().substring(0, 1000) : mismatch.detail())
                .param("now", Timestamp.from(now))
                .update();
    }

    List<Run> recentRuns(int limit) {
        return jdbc.sql("""
                SELECT id, window_start, window_end, checked, mismatches, completed_at FROM reconciliation_runs
                 ORDER BY window_end DESC, completed_at DESC LIMIT ?
                """)
                .param(limit)
                .query((row, number) -> new Run(
                        row.getObject("id", UUID.class),
                        row.getTimestamp("window_start").toInstant(),
                        row.getTimestamp("window_end").toInstant(),
                        row.getInt("checked"),
                        row.getInt("mismatches"),
                        row.getTimestamp("completed_at").toInstant()))
                .list();
    }

    List<Found> recentMismatches(int limit) {
        return jdbc.sql("""
                SELECT id, run_id, kind, contract_id, transaction_id, provider_reference, expected_minor,
                       reported_minor, currency, detail, found_at
                  FROM reconciliation_mismatches
                 ORDER BY found_at DESC, id LIMIT ?
                """)
                .param(limit)
                .query((row, number) -> {
                    String currency = row.getString("currency");
                    return new Found(
                            row.getObject("id", UUID.class),
                            row.getObject("run_id", UUID.class),
                            row.getString("kind"),
                            row.getObject("contract_id", UUID.class),
                            row.getObject("transaction_id", UUID.class),
                            row.getString("provider_reference"),
                            money(row, "expected_minor", currency),
                            money(row, "reported_minor", currency),
                            row.getString("detail"),
                            row.getTimestamp("found_at").toInstant());
                })
                .list();
    }

    private List<Item> movements(String journalKind, String accountKind, int sign, Instant from, Instant to) {
        return jdbc.sql("""
                SELECT t.id, t.contract_id, t.provider_reference,
                       :sign * sum(e.amount_minor) AS amount, min(e.currency) AS currency
                  FROM transactions t
                  JOIN ledger_entries e ON e.transaction_id = t.id
                  JOIN ledger_accounts a ON a.id = e.ledger_account_id AND a.kind = :accountKind
                 WHERE t.kind = :journalKind AND t.provider_reference IS NOT NULL
                   AND t.occurred_at >= :from AND t.occurred_at < :to AND """ + STRIPE_CONTRACT + """

                 GROUP BY t.id
                 ORDER BY min(t.occurred_at), t.id
                """)
                .param("sign", sign)
                .param("accountKind", accountKind)
                .param("journalKind", journalKind)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query(ReconciliationStore::item)
                .list();
    }

    private static Item item(ResultSet row, int number) throws SQLException {
        return new Item(
                row.getObject("id", UUID.class),
                row.getObject("contract_id", UUID.class),
                row.getString("provider_reference"),
                new Money(row.getLong("amount"), row.getString("currency")));
    }

    private static Money money(ResultSet row, String column, String currency) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() || currency == null ? null : new Money(value, currency);
    }
}
