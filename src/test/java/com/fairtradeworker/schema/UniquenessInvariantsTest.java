package com.fairtradeworker.schema;

import static com.fairtradeworker.schema.SqlFailures.UNIQUE_VIOLATION;
import static com.fairtradeworker.schema.SqlFailures.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.schema.SchemaFixtures.Contract;
import com.fairtradeworker.schema.SchemaFixtures.Entry;
import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.IntegrationTest;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Each uniqueness invariant is violated on purpose, as the runtime role, and refused by the constraint named after it.
 * Every test runs in its own rolled-back transaction with fresh rows.
 */
@IntegrationTest
class UniquenessInvariantsTest {

    @Autowired
    DatabaseRoles roles;

    @Test
    void oneBidPerContractorPerJobEvenAfterWithdrawing() {
        asApp((jdbc, f) -> {
            UUID job = f.openJob(f.homeowner());
            UUID contractor = f.contractor();
            UUID bid = f.bid(job, contractor);
            jdbc.sql("UPDATE bids SET status = 'WITHDRAWN', withdrawn_at = now() WHERE id = ?")
                    .param(bid)
                    .update();

            refused(() -> f.bid(job, contractor), "bids_job_contractor_key");
        });
    }

    @Test
    void oneAcceptedBidPerJob() {
        asApp((jdbc, f) -> {
            UUID job = f.openJob(f.homeowner());
            f.acceptBid(f.bid(job, f.contractor()));
            UUID second = f.bid(job, f.contractor());

            refused(() -> f.acceptBid(second), "bids_one_accepted_per_job_key");
        });
    }

    @Test
    void oneContractPerJob() {
        asApp((jdbc, f) -> {
            Contract contract = f.contract();
            UUID otherContractor = f.contractor();
            UUID otherBid = f.bid(contract.jobId(), otherContractor);

            refused(
                    () -> f.contractFor(contract.jobId(), otherBid, contract.homeownerId(), otherContractor),
                    "bid_contracts_job_key");
        });
    }

    @Test
    void oneEscrowAccountPerContract() {
        asApp((jdbc, f) -> {
            Contract contract = f.contract();
            f.escrowFor(contract);
            UUID anotherLedgerAccount = f.ownedLedgerAccount("ESCROW", UUID.randomUUID());

            refused(
                    () -> jdbc.sql("""
                                    INSERT INTO escrow_accounts (contract_id, ledger_account_id, amount_minor, currency)
                                    VALUES (?, ?, 150000, 'XTS')""")
                            .params(contract.id(), anotherLedgerAccount)
                            .update(),
                    "escrow_accounts_contract_key");
        });
    }

    @Test
    void oneReviewPerAuthorPerContract() {
        asApp((jdbc, f) -> {
            Contract contract = f.contract();
            f.review(contract, contract.homeownerId(), contract.contractorId());
            f.review(contract, contract.contractorId(), contract.homeownerId()); // the other party may review

            refused(
                    () -> f.review(contract, contract.homeownerId(), contract.contractorId()),
                    "reviews_contract_author_key");
        });
    }

    @Test
    void oneOpenDisputePerContractWhileAWithdrawnOneAllowsANewOne() {
        asApp((jdbc, f) -> {
            Contract contract = f.contract();
            UUID withdrawn = f.openDispute(contract);
            jdbc.sql("UPDATE disputes SET status = 'WITHDRAWN', withdrawn_at = now() WHERE id = ?")
                    .param(withdrawn)
                    .update();
            UUID open = f.openDispute(contract);
            jdbc.sql("UPDATE disputes SET status = 'AWAITING_MEDIATION' WHERE id = ?")
                    .param(open)
                    .update();

            refused(() -> f.openDispute(contract), "disputes_one_open_per_contract_key");
        });
    }

    @Test
    void oneIdempotencyRecordPerUserAndKey() {
        asApp((jdbc, f) -> {
            UUID user = f.homeowner();
            String key = "fund-" + UUID.randomUUID();
            f.idempotencyKey(user, key);
            f.idempotencyKey(f.homeowner(), key); // another user may use the same key

            refused(() -> f.idempotencyKey(user, key), "idempotency_keys_user_key_key");
        });
    }

    @Test
    void oneRowPerWebhookEventId() {
        asApp((jdbc, f) -> {
            String eventId = "evt_" + UUID.randomUUID();
            f.webhookEvent("STRIPE", eventId);

            refused(() -> f.webhookEvent("STRIPE", eventId), "webhook_events_provider_event_key");
        });
    }

    @Test
    void oneUserPerEmailIgnoringCase() {
        asApp((jdbc, f) -> {
            String email = "Case-" + UUID.randomUUID() + "@Example.test";
            insertUser(jdbc, email);

            refused(() -> insertUser(jdbc, email.toLowerCase()), "users_email_key");
        });
    }

    @Test
    void oneEmailVerificationPerTokenHash() {
        asApp((jdbc, f) -> {
            byte[] hash = new byte[32];
            ThreadLocalRandom.current().nextBytes(hash);
            UUID user = f.homeowner();
            insertEmailVerification(jdbc, user, hash);

            refused(() -> insertEmailVerification(jdbc, user, hash), "email_verifications_token_hash_key");
        });
    }

    @Test
    void oneRevisionRowPerBidAndRevisionNumber() {
        asApp((jdbc, f) -> {
            UUID bid = f.bid(f.openJob(f.homeowner()), f.contractor());
            insertBidRevision(jdbc, bid, 1);
            insertBidRevision(jdbc, bid, 2);

            refused(() -> insertBidRevision(jdbc, bid, 2), "bid_revisions_bid_revision_key");
        });
    }

    @Test
    void oneLedgerAccountPerKindOwnerAndCurrency() {
        asApp((jdbc, f) -> {
            UUID contractor = f.contractor();
            f.ownedLedgerAccount("CONTRACTOR_PAYABLE", contractor);

            refused(
                    () -> f.ownedLedgerAccount("CONTRACTOR_PAYABLE", contractor),
                    "ledger_accounts_kind_owner_currency_key");
        });
    }

    @Test
    void onePlatformLedgerAccountPerKindAndCurrency() {
        asApp((jdbc, f) -> {
            String currency = unusedCurrency(jdbc);
            insertPlatformAccount(jdbc, currency);

            refused(() -> insertPlatformAccount(jdbc, currency), "ledger_accounts_unowned_kind_currency_key");
        });
    }

    @Test
    void escrowIsFundedOnlyOncePerContract() {
        asApp((jdbc, f) -> {
            Contract contract = f.contract();
            UUID escrow = f.escrowFor(contract);
            UUID cash = f.platformLedgerAccount("PROVIDER_CASH");
            f.journal("FUND", contract.id(), new Entry(cash, 150000), new Entry(escrow, -150000));

            refused(
                    () -> f.journal("FUND", contract.id(), new Entry(cash, 150000), new Entry(escrow, -150000)),
                    "transactions_one_fund_per_contract_key");
        });
    }

    @Test
    void escrowLeavesHeldOnlyOncePerContract() {
        asApp((jdbc, f) -> {
            Contract contract = f.contract();
            UUID escrow = f.escrowFor(contract);
            UUID cash = f.platformLedgerAccount("PROVIDER_CASH");
            UUID payable = f.ownedLedgerAccount("CONTRACTOR_PAYABLE", contract.contractorId());
            f.journal("FUND", contract.id(), new Entry(cash, 150000), new Entry(escrow, -150000));
            f.journal("RELEASE", contract.id(), new Entry(escrow, 150000), new Entry(payable, -150000));

            refused(
                    () -> f.journal("REFUND", contract.id(), new Entry(escrow, 150000), new Entry(cash, -150000)),
                    "transactions_one_exit_per_contract_key");
        });
    }

    @Test
    void oneJournalTransactionPerKindAndIdempotencyKey() {
        asApp((jdbc, f) -> {
            String key = "payout-" + UUID.randomUUID();
            insertPayoutHeader(jdbc, key);

            refused(() -> insertPayoutHeader(jdbc, key), "transactions_kind_idempotency_key_key");
        });
    }

    @Test
    void oneLivePaymentPerContractWhileAFailedOneAllowsARetry() {
        asApp((jdbc, f) -> {
            Contract contract = f.contract();
            UUID failed = insertPayment(jdbc, contract);
            jdbc.sql("UPDATE payments SET status = 'FAILED' WHERE id = ?")
                    .param(failed)
                    .update();
            insertPayment(jdbc, contract);

            refused(() -> insertPayment(jdbc, contract), "payments_one_live_per_contract_key");
        });
    }

    @Test
    void onePayoutPerReleaseTransaction() {
        asApp((jdbc, f) -> {
            Contract contract = f.contract();
            UUID escrow = f.escrowFor(contract);
            UUID cash = f.platformLedgerAccount("PROVIDER_CASH");
            UUID payable = f.ownedLedgerAccount("CONTRACTOR_PAYABLE", contract.contractorId());
            f.journal("FUND", contract.id(), new Entry(cash, 150000), new Entry(escrow, -150000));
            UUID release = f.journal("RELEASE", contract.id(), new Entry(escrow, 150000), new Entry(payable, -150000));
            insertPayout(jdbc, contract, release);

            refused(() -> insertPayout(jdbc, contract, release), "payouts_release_transaction_key");
        });
    }

    @Test
    void oneSubmittedCompletionPerContract() {
        asApp((jdbc, f) -> {
            Contract contract = f.contract();
            UUID earlier = f.completion(contract);
            jdbc.sql("""
                            UPDATE job_completions
                               SET status = 'CHANGES_REQUESTED', change_request_reason = 'Leaks', decided_at = now(),
                                   decided_by = ?
                             WHERE id = ?""").params(contract.homeownerId(), earlier).update();
            f.completion(contract);

            refused(() -> f.completion(contract), "job_completions_one_submitted_per_contract_key");
        });
    }

    @Test
    void oneResponsePerDispute() {
        asApp((jdbc, f) -> {
            Contract contract = f.contract();
            UUID dispute = f.openDispute(contract);
            insertDisputeResponse(jdbc, dispute, contract.contractorId(), "RESPONSE");
            insertDisputeResponse(jdbc, dispute, contract.contractorId(), "STATEMENT");
            insertDisputeResponse(jdbc, dispute, contract.contractorId(), "STATEMENT");

            refused(
                    () -> insertDisputeResponse(jdbc, dispute, contract.contractorId(), "RESPONSE"),
                    "dispute_responses_one_response_per_dispute_key");
        });
    }

    @Test
    void oneLiveTimerPerKindAndSubjectWhileAFiredOneAllowsANewOne() {
        asApp((jdbc, f) -> {
            UUID subject = UUID.randomUUID();
            UUID fired = f.scheduledTimer("APPROVAL_WINDOW", subject);
            jdbc.sql("UPDATE due_timers SET status = 'FIRED', fired_at = now() WHERE id = ?")
                    .param(fired)
                    .update();
            UUID paused = f.scheduledTimer("APPROVAL_WINDOW", subject);
            jdbc.sql("UPDATE due_timers SET status = 'PAUSED', due_at = NULL, remaining_ms = 60000 WHERE id = ?")
                    .param(paused)
                    .update();

            refused(() -> f.scheduledTimer("APPROVAL_WINDOW", subject), "due_timers_one_live_per_kind_subject_key");
        });
    }

    @Test
    void oneNotificationPerDedupeKey() {
        asApp((jdbc, f) -> {
            UUID user = f.homeowner();
            String dedupeKey = "bid-accepted:" + UUID.randomUUID();
            insertNotification(jdbc, user, dedupeKey);

            refused(() -> insertNotification(jdbc, user, dedupeKey), "notifications_dedupe_key_key");
        });
    }

    private void asApp(BiConsumer<JdbcClient, SchemaFixtures> test) {
        SchemaFixtures.asAppRolledBack(roles, jdbc -> {
            test.accept(jdbc, new SchemaFixtures(jdbc));
            return null;
        });
    }

    private static void refused(ThrowingCallable statement, String constraint) {
        assertThat(assertRefused(statement, UNIQUE_VIOLATION, constraint)).isInstanceOf(DuplicateKeyException.class);
    }

    private static void insertUser(JdbcClient jdbc, String email) {
        jdbc.sql("INSERT INTO users (email, password_hash, display_name, role) VALUES (?, 'x', 'Case', 'HOMEOWNER')")
                .param(email)
                .update();
    }

    private static void insertEmailVerification(JdbcClient jdbc, UUID user, byte[] hash) {
        jdbc.sql("""
                        INSERT INTO email_verifications (user_id, email, purpose, token_hash, expires_at)
                        VALUES (?, 'verify@example.test', 'SIGNUP', ?, now() + interval '1 day')""").params(user, hash).update();
    }

    private static void insertBidRevision(JdbcClient jdbc, UUID bid, int revision) {
        jdbc.sql("""
                        INSERT INTO bid_revisions (bid_id, revision, amount_minor, currency, proposal, fee_rate_bps,
                                                   estimated_duration_days)
                        VALUES (?, ?, 150000, 'XTS', 'Revised terms', 500, 2)""").params(bid, revision).update();
    }

    /** A three-letter code that no platform account uses yet, so the test never meets the application's accounts. */
    private static String unusedCurrency(JdbcClient jdbc) {
        while (true) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String code = "" + (char) ('A' + random.nextInt(26)) + (char) ('A' + random.nextInt(26))
                    + (char) ('A' + random.nextInt(26));
            boolean used = jdbc.sql("SELECT EXISTS (SELECT 1 FROM ledger_accounts WHERE currency = ?)")
                    .param(code)
                    .query(Boolean.class)
                    .single();
            if (!used) {
                return code;
            }
        }
    }

    private static void insertPlatformAccount(JdbcClient jdbc, String currency) {
        jdbc.sql("INSERT INTO ledger_accounts (kind, currency) VALUES ('PLATFORM_FEE_REVENUE', ?)")
                .param(currency)
                .update();
    }

    /** A header only: the journal's entry checks run at commit, which this rolled-back transaction never reaches. */
    private static void insertPayoutHeader(JdbcClient jdbc, String key) {
        jdbc.sql("INSERT INTO transactions (kind, idempotency_key, occurred_at) VALUES ('PAYOUT', ?, now())")
                .param(key)
                .update();
    }

    private static UUID insertPayment(JdbcClient jdbc, Contract contract) {
        return jdbc.sql("""
                        INSERT INTO payments (contract_id, provider, amount_minor, currency, idempotency_key)
                        VALUES (?, 'SIMULATED', 150000, 'XTS', ?)
                        RETURNING id""")
                .params(contract.id(), "fund-" + UUID.randomUUID())
                .query(UUID.class)
                .single();
    }

    private static void insertPayout(JdbcClient jdbc, Contract contract, UUID release) {
        jdbc.sql("""
                        INSERT INTO payouts (contract_id, contractor_id, release_transaction_id, amount_minor, currency)
                        VALUES (?, ?, ?, 150000, 'XTS')""").params(contract.id(), contract.contractorId(), release).update();
    }

    private static void insertDisputeResponse(JdbcClient jdbc, UUID dispute, UUID author, String kind) {
        jdbc.sql("INSERT INTO dispute_responses (dispute_id, author_id, kind, body) VALUES (?, ?, ?, 'Noted.')")
                .params(dispute, author, kind)
                .update();
    }

    private static void insertNotification(JdbcClient jdbc, UUID user, String dedupeKey) {
        jdbc.sql("""
                        INSERT INTO notifications (user_id, channel, template, dedupe_key, recipient, body, next_attempt_at)
                        VALUES (?, 'SMS', 'bid-accepted', ?, '+15555550100', 'Your bid was accepted', now())""").params(user, dedupeKey).update();
    }
}
