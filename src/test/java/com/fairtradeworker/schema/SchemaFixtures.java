package com.fairtradeworker.schema;

import com.fairtradeworker.support.DatabaseRoles;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Creates fresh, minimal, valid rows for schema tests through whatever connection it is given. Every call makes new
 * ids, so tests never share data; most tests run inside an owner transaction that is rolled back.
 *
 * <p>Money rows use XTS, the ISO 4217 code reserved for testing, so nothing here meets the application's accounts.
 */
final class SchemaFixtures {

    static final String CURRENCY = "XTS";

    private final JdbcClient jdbc;

    SchemaFixtures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    /** Runs the work as the runtime role inside an owner transaction that is always rolled back. */
    static <T> T asAppRolledBack(DatabaseRoles roles, Function<JdbcClient, T> work) {
        return roles.inOwnerTransactionRolledBack(jdbc -> {
            actAsApp(roles, jdbc);
            return work.apply(jdbc);
        });
    }

    static void actAsApp(DatabaseRoles roles, JdbcClient jdbc) {
        jdbc.sql("SET LOCAL ROLE " + quoteIdentifier(roles.appRoleName())).update();
    }

    static String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    record Contract(UUID id, UUID jobId, UUID bidId, UUID homeownerId, UUID contractorId) {}

    record Entry(UUID accountId, long amountMinor) {}

    UUID user(String role) {
        return jdbc.sql("""
                        INSERT INTO users (email, password_hash, display_name, role)
                        VALUES (?, 'not-a-real-hash', 'Schema Test', ?)
                        RETURNING id""")
                .params("schema-" + UUID.randomUUID() + "@example.test", role)
                .query(UUID.class)
                .single();
    }

    UUID homeowner() {
        return user("HOMEOWNER");
    }

    UUID contractor() {
        return user("CONTRACTOR");
    }

    UUID openJob(UUID homeownerId) {
        return jdbc.sql("""
                        INSERT INTO jobs (homeowner_id, title, description, trade, latitude, longitude, address_text,
                                          postcode, currency, status, published_at, bidding_deadline)
                        VALUES (?, 'Replace the water heater', 'The old tank leaks.', 'plumbing.water_heaters',
                                51.5, -0.12, '1 Test Street', 'SW1A 1AA', ?, 'OPEN', now(), now() + interval '7 days')
                        RETURNING id""").params(homeownerId, CURRENCY).query(UUID.class).single();
    }

    UUID bid(UUID jobId, UUID contractorId) {
        return jdbc.sql("""
                        INSERT INTO bids (job_id, contractor_id, amount_minor, currency, proposal, fee_rate_bps,
                                          estimated_duration_days, submitted_at)
                        VALUES (?, ?, 150000, ?, 'I can fit a new one on Monday.', 500, 2, now())
                        RETURNING id""")
                .params(jobId, contractorId, CURRENCY)
                .query(UUID.class)
                .single();
    }

    void acceptBid(UUID bidId) {
        jdbc.sql("UPDATE bids SET status = 'ACCEPTED', decided_at = now() WHERE id = ?")
                .param(bidId)
                .update();
    }

    /** A homeowner, a contractor, an open job, the contractor's accepted bid and the contract made from it. */
    Contract contract() {
        UUID homeownerId = homeowner();
        UUID contractorId = contractor();
        UUID jobId = openJob(homeownerId);
        UUID bidId = bid(jobId, contractorId);
        acceptBid(bidId);
        return new Contract(
                contractFor(jobId, bidId, homeownerId, contractorId), jobId, bidId, homeownerId, contractorId);
    }

    UUID contractFor(UUID jobId, UUID bidId, UUID homeownerId, UUID contractorId) {
        return jdbc.sql("""
                        INSERT INTO bid_contracts (job_id, bid_id, homeowner_id, contractor_id, amount_minor, currency,
                                                   fee_rate_bps, scope_text, job_title, accepted_at)
                        VALUES (?, ?, ?, ?, 150000, ?, 500, 'I can fit a new one on Monday.',
                                'Replace the water heater', now())
                        RETURNING id""")
                .params(jobId, bidId, homeownerId, contractorId, CURRENCY)
                .query(UUID.class)
                .single();
    }

    UUID ownedLedgerAccount(String kind, UUID ownerId) {
        return jdbc.sql("INSERT INTO ledger_accounts (kind, owner_id, currency) VALUES (?, ?, ?) RETURNING id")
                .params(kind, ownerId, CURRENCY)
                .query(UUID.class)
                .single();
    }

    /** The platform's own account of a kind in XTS, created if missing (it is unique per kind and currency). */
    UUID platformLedgerAccount(String kind) {
        jdbc.sql("""
                        INSERT INTO ledger_accounts (kind, currency) VALUES (?, ?)
                        ON CONFLICT (kind, currency) WHERE owner_id IS NULL DO NOTHING""").params(kind, CURRENCY).update();
        return jdbc.sql("SELECT id FROM ledger_accounts WHERE kind = ? AND currency = ? AND owner_id IS NULL")
                .params(kind, CURRENCY)
                .query(UUID.class)
                .single();
    }

    /** An escrow ledger account and escrow account for the contract; returns the ledger account id. */
    UUID escrowFor(Contract contract) {
        UUID ledgerAccountId = ownedLedgerAccount("ESCROW", contract.id());
        jdbc.sql("""
                        INSERT INTO escrow_accounts (contract_id, ledger_account_id, amount_minor, currency)
                        VALUES (?, ?, 150000, ?)""").params(contract.id(), ledgerAccountId, CURRENCY).update();
        return ledgerAccountId;
    }

    /** A journal transaction header and its entries; the balance checks run at commit. */
    UUID journal(String kind, UUID contractId, Entry... entries) {
        UUID transactionId = jdbc.sql("""
                        INSERT INTO transactions (kind, contract_id, idempotency_key, occurred_at)
                        VALUES (?, ?, ?, now())
                        RETURNING id""")
                .params(kind, contractId, "schema-test-" + UUID.randomUUID())
                .query(UUID.class)
                .single();
        for (Entry entry : entries) {
            jdbc.sql("""
                            INSERT INTO ledger_entries (transaction_id, ledger_account_id, amount_minor, currency)
                            VALUES (?, ?, ?, ?)""")
                    .params(transactionId, entry.accountId(), entry.amountMinor(), CURRENCY)
                    .update();
        }
        return transactionId;
    }

    UUID auditLog() {
        return jdbc.sql("""
                        INSERT INTO audit_logs (action, entity_type, entity_id, ip, details)
                        VALUES ('schema.test', 'test', ?, CAST('127.0.0.1' AS inet), CAST('{"k": 1}' AS jsonb))
                        RETURNING id""")
                .param(UUID.randomUUID().toString())
                .query(UUID.class)
                .single();
    }

    UUID completion(Contract contract) {
        return jdbc.sql("""
                        INSERT INTO job_completions (contract_id, submitted_by, summary, submitted_at)
                        VALUES (?, ?, 'Fitted and tested.', now())
                        RETURNING id""")
                .params(contract.id(), contract.contractorId())
                .query(UUID.class)
                .single();
    }

    UUID openDispute(Contract contract) {
        return jdbc.sql("""
                        INSERT INTO disputes (contract_id, opened_by, reason, desired_outcome, statement, response_due_at)
                        VALUES (?, ?, 'POOR_QUALITY', 'REFUND', 'The new tank leaks too.', now() + interval '5 days')
                        RETURNING id""")
                .params(contract.id(), contract.homeownerId())
                .query(UUID.class)
                .single();
    }

    UUID review(Contract contract, UUID authorId, UUID subjectId) {
        return jdbc.sql("""
                        INSERT INTO reviews (contract_id, author_id, subject_id, rating, body, submitted_at)
                        VALUES (?, ?, ?, 5, 'Tidy and on time.', now())
                        RETURNING id""")
                .params(contract.id(), authorId, subjectId)
                .query(UUID.class)
                .single();
    }

    UUID idempotencyKey(UUID userId, String key) {
        return jdbc.sql("""
                        INSERT INTO idempotency_keys (user_id, idem_key, method, route, request_hash, expires_at)
                        VALUES (?, ?, 'POST', '/api/contracts/x/escrow/fund', sha256(?), now() + interval '1 day')
                        RETURNING id""")
                .params(userId, key, key.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .query(UUID.class)
                .single();
    }

    UUID webhookEvent(String provider, String eventId) {
        return jdbc.sql("""
                        INSERT INTO webhook_events (provider, event_id, event_type, payload)
                        VALUES (?, ?, 'payment_intent.succeeded', CAST('{}' AS jsonb))
                        RETURNING id""").params(provider, eventId).query(UUID.class).single();
    }

    UUID scheduledTimer(String kind, UUID subjectId) {
        return jdbc.sql("""
                        INSERT INTO due_timers (kind, subject_id, due_at) VALUES (?, ?, now() + interval '1 day')
                        RETURNING id""").params(kind, subjectId).query(UUID.class).single();
    }
}
