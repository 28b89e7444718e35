package com.fairtradeworker.escrow;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The double-entry journal: named accounts, and transactions written with their entries. Append-only: nothing here
 * updates or deletes, and the runtime role could not. The database checks at commit that each transaction balances per
 * currency and that no escrow account goes below zero.
 */
@Repository
class Ledger {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final PaymentMetrics metrics;

    Ledger(JdbcClient jdbc, Clock clock, PaymentMetrics metrics) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** The account of this kind for the owner (a contract, a contractor; null for the platform's), created if new. */
    @Transactional(propagation = Propagation.MANDATORY)
    UUID account(LedgerAccountKind kind, UUID ownerId, String currency) {
        if (kind.owned() != (ownerId != null)) {
            throw new IllegalArgumentException(kind + (kind.owned() ? " needs an owner" : " has no owner"));
        }
        String conflictTarget =
                ownerId == null ? "(kind, currency) WHERE owner_id IS NULL" : "(kind, owner_id, currency)";
        jdbc.sql("INSERT INTO ledger_accounts (kind, owner_id, currency) VALUES (:kind, :owner, :currency)"
                        + " ON CONFLICT " + conflictTarget + " DO NOTHING")
                .param("kind", kind.name())
                .param("owner", ownerId)
                .param("currency", currency)
                .update();
        return jdbc.sql("""
                SELECT id FROM ledger_accounts
                 WHERE kind = :kind AND owner_id IS NOT DISTINCT FROM :owner AND currency = :currency
                """)
                .param("kind", kind.name())
                .param("owner", ownerId)
                .param("currency", currency)
                .query(UUID.class)
                .single();
    }

    /** Writes the transaction and its entries, in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    void post(JournalTransaction transaction) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                INSERT INTO transactions (id, kind, contract_id, idempotency_key, provider_reference, occurred_at,
                                          created_at)
                VALUES (:id, :kind, :contract, :key, :reference, :now, :now)
                """)
                .param("id", transaction.id())
                .param("kind", transaction.kind().name())
                .param("contract", transaction.contractId())
                .param("key", transaction.idempotencyKey())
                .param("reference", transaction.providerReference())
                .param("now", now)
                .update();
        for (Posting posting : transaction.postings()) {
            jdbc.sql("""
                    INSERT INTO ledger_entries (transaction_id, ledger_account_id, amount_minor, currency, created_at)
                    VALUES (:transaction, :account, :amount, :currency, :now)
                    """)
                    .param("transaction", transaction.id())
                    .param("account", posting.ledgerAccountId())
                    .param("amount", posting.amountMinor())
                    .param("currency", transaction.currency())
                    .param("now", now)
                    .update();
        }
        metrics.posted(transaction);
    }

    /** The account's balance from its entries (signed, as stored). */
    long balance(UUID ledgerAccountId) {
        return jdbc.sql("SELECT coalesce(sum(amount_minor), 0) FROM ledger_entries WHERE ledger_account_id = ?")
                .param(ledgerAccountId)
                .query(Long.class)
                .single();
    }
}
