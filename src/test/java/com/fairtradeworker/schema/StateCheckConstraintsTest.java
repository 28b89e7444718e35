package com.fairtradeworker.schema;

import static com.fairtradeworker.schema.SqlFailures.CHECK_VIOLATION;
import static com.fairtradeworker.schema.SqlFailures.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.schema.SchemaFixtures.Contract;
import com.fairtradeworker.schema.SchemaFixtures.Entry;
import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.IntegrationTest;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every state column has a CHECK constraint listing exactly the enum values of domain.md, and refuses anything else.
 */
@IntegrationTest
class StateCheckConstraintsTest {

    private static final Pattern LITERAL = Pattern.compile("'([^']*)'");

    /**
     * A state column: its CHECK constraint, the values it must allow, how to make a valid row (returning the value of
     * its key column) and the SET clause that puts a value outside the enum while keeping every other check satisfied.
     */
    record StateColumn(
            String constraint,
            String table,
            String key,
            List<String> values,
            Function<SchemaFixtures, UUID> row,
            String badSet) {

        @Override
        public String toString() {
            return constraint;
        }
    }

    static Stream<StateColumn> stateColumns() {
        return Stream.of(
                column(
                        "users_role_check",
                        "users",
                        "id",
                        f -> f.homeowner(),
                        "role = 'OWNER'",
                        "HOMEOWNER",
                        "CONTRACTOR",
                        "ADMIN"),
                column(
                        "users_status_check",
                        "users",
                        "id",
                        f -> f.homeowner(),
                        "status = 'BANNED'",
                        "ACTIVE",
                        "DISABLED",
                        "DELETED"),
                column(
                        "email_verifications_purpose_check",
                        "email_verifications",
                        "id",
                        StateCheckConstraintsTest::emailVerification,
                        "purpose = 'LOGIN'",
                        "SIGNUP",
                        "EMAIL_CHANGE"),
                column(
                        "contractor_profiles_verification_status_check",
                        "contractor_profiles",
                        "user_id",
                        StateCheckConstraintsTest::contractorProfile,
                        "verification_status = 'APPROVED'",
                        "UNVERIFIED",
                        "PENDING",
                        "VERIFIED",
                        "REJECTED"),
                column(
                        "jobs_status_check",
                        "jobs",
                        "id",
                        f -> f.openJob(f.homeowner()),
                        "status = 'CLOSED'",
                        "DRAFT",
                        "OPEN",
                        "AWARDED",
                        "IN_PROGRESS",
                        "COMPLETED",
                        "CANCELLED",
                        "EXPIRED"),
                column(
                        "bids_status_check",
                        "bids",
                        "id",
                        f -> f.bid(f.openJob(f.homeowner()), f.contractor()),
                        "status = 'PENDING'",
                        "SUBMITTED",
                        "ACCEPTED",
                        "REJECTED",
                        "WITHDRAWN"),
                column(
                        "bid_contracts_status_check",
                        "bid_contracts",
                        "id",
                        f -> f.contract().id(),
                        "status = 'ACTIVE', funded_at = now()",
                        "PENDING_FUNDING",
                        "FUNDED",
                        "COMPLETION_SUBMITTED",
                        "DISPUTED",
                        "RELEASED",
                        "REFUNDED",
                        "SPLIT",
                        "CANCELLED"),
                column(
                        "bid_contracts_status_before_dispute_check",
                        "bid_contracts",
                        "id",
                        f -> f.contract().id(),
                        "status_before_dispute = 'PENDING_FUNDING'",
                        "FUNDED",
                        "COMPLETION_SUBMITTED"),
                column(
                        "ledger_accounts_kind_check",
                        "ledger_accounts",
                        "id",
                        f -> f.ownedLedgerAccount("ESCROW", UUID.randomUUID()),
                        "kind = 'SUSPENSE', owner_id = NULL",
                        "PROVIDER_CASH",
                        "ESCROW",
                        "CONTRACTOR_PAYABLE",
                        "PLATFORM_FEE_REVENUE",
                        "PROCESSING_FEES"),
                column(
                        "escrow_accounts_status_check",
                        "escrow_accounts",
                        "ledger_account_id",
                        f -> f.escrowFor(f.contract()),
                        "status = 'FROZEN', held_at = now()",
                        "UNFUNDED",
                        "HELD",
                        "RELEASED",
                        "REFUNDED",
                        "SPLIT",
                        "CANCELLED"),
                column(
                        "payments_provider_check",
                        "payments",
                        "id",
                        StateCheckConstraintsTest::payment,
                        "provider = 'PAYPAL'",
                        "SIMULATED",
                        "STRIPE"),
                column(
                        "payments_status_check",
                        "payments",
                        "id",
                        StateCheckConstraintsTest::payment,
                        "status = 'AUTHORIZED'",
                        "PENDING",
                        "PROCESSING",
                        "SUCCEEDED",
                        "FAILED",
                        "CANCELLED",
                        "REFUNDED"),
                column(
                        "payouts_status_check",
                        "payouts",
                        "id",
                        StateCheckConstraintsTest::payout,
                        "status = 'IN_TRANSIT'",
                        "PENDING_ACCOUNT",
                        "PAID",
                        "FAILED"),
                column(
                        "job_completions_status_check",
                        "job_completions",
                        "id",
                        f -> f.completion(f.contract()),
                        "status = 'REJECTED', decided_at = now(), decided_by = submitted_by",
                        "SUBMITTED",
                        "APPROVED",
                        "AUTO_APPROVED",
                        "CHANGES_REQUESTED"),
                column(
                        "disputes_status_check",
                        "disputes",
                        "id",
                        f -> f.openDispute(f.contract()),
                        "status = 'ESCALATED'",
                        "OPEN",
                        "AWAITING_MEDIATION",
                        "RESOLVED",
                        "WITHDRAWN"),
                column(
                        "disputes_desired_outcome_check",
                        "disputes",
                        "id",
                        f -> f.openDispute(f.contract()),
                        "desired_outcome = 'APOLOGY'",
                        "RELEASE",
                        "REFUND",
                        "SPLIT"),
                column(
                        "disputes_resolution_value_check",
                        "disputes",
                        "id",
                        f -> f.openDispute(f.contract()),
                        "status = 'RESOLVED', resolution = 'APOLOGY', resolved_at = now()",
                        "RELEASE",
                        "REFUND",
                        "SPLIT"),
                column(
                        "dispute_responses_kind_check",
                        "dispute_responses",
                        "id",
                        StateCheckConstraintsTest::disputeResponse,
                        "kind = 'COMMENT'",
                        "RESPONSE",
                        "STATEMENT"),
                column(
                        "reviews_status_check",
                        "reviews",
                        "id",
                        StateCheckConstraintsTest::review,
                        "status = 'DRAFT'",
                        "SUBMITTED",
                        "PUBLISHED",
                        "HIDDEN"),
                column(
                        "due_timers_status_check",
                        "due_timers",
                        "id",
                        f -> f.scheduledTimer("APPROVAL_WINDOW", UUID.randomUUID()),
                        "status = 'RUNNING'",
                        "SCHEDULED",
                        "PAUSED",
                        "FIRED",
                        "CANCELLED"),
                column(
                        "idempotency_keys_status_check",
                        "idempotency_keys",
                        "id",
                        f -> f.idempotencyKey(f.homeowner(), UUID.randomUUID().toString()),
                        "status = 'FAILED'",
                        "IN_PROGRESS",
                        "COMPLETED"),
                column(
                        "notifications_status_check",
                        "notifications",
                        "id",
                        StateCheckConstraintsTest::notification,
                        "status = 'QUEUED'",
                        "PENDING",
                        "SENT",
                        "FAILED"),
                column(
                        "notifications_channel_check",
                        "notifications",
                        "id",
                        StateCheckConstraintsTest::notification,
                        "channel = 'PUSH'",
                        "EMAIL",
                        "SMS"),
                column(
                        "notification_preferences_channel_check",
                        "notification_preferences",
                        "user_id",
                        StateCheckConstraintsTest::notificationPreference,
                        "channel = 'PUSH'",
                        "EMAIL",
                        "SMS"),
                column(
                        "evidence_files_content_type_check",
                        "evidence_files",
                        "id",
                        StateCheckConstraintsTest::evidenceFile,
                        "content_type = 'text/html'",
                        "image/jpeg",
                        "image/png",
                        "image/webp",
                        "image/heic",
                        "application/pdf"));
    }

    @Autowired
    DatabaseRoles roles;

    @ParameterizedTest(name = "{0} lists exactly the domain values")
    @MethodSource("stateColumns")
    void checkConstraintListsExactlyTheDomainValues(StateColumn state) {
        String definition = roles.owner()
                .sql("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = ? AND conrelid = ?::regclass")
                .params(state.constraint(), state.table())
                .query(String.class)
                .single();

        assertThat(literals(definition)).containsExactlyInAnyOrderElementsOf(state.values());
    }

    @ParameterizedTest(name = "{0} refuses a value outside the enum")
    @MethodSource("stateColumns")
    void checkConstraintRefusesAValueOutsideTheEnum(StateColumn state) {
        SchemaFixtures.asAppRolledBack(roles, jdbc -> {
            UUID key = state.row().apply(new SchemaFixtures(jdbc));

            assertRefused(
                    () -> jdbc.sql("UPDATE " + state.table() + " SET " + state.badSet() + " WHERE " + state.key()
                                    + " = ?")
                            .param(key)
                            .update(),
                    CHECK_VIOLATION,
                    state.constraint());
            return null;
        });
    }

    @Test
    void journalTransactionKindRefusesAValueOutsideTheEnum() {
        String definition = roles.owner()
                .sql("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'transactions_kind_check'")
                .query(String.class)
                .single();

        assertThat(literals(definition))
                .containsExactlyInAnyOrder("FUND", "RELEASE", "REFUND", "SPLIT", "PAYOUT", "PROCESSING_FEE");
        SchemaFixtures.asAppRolledBack(roles, jdbc -> {
            assertRefused(
                    () -> jdbc.sql("INSERT INTO transactions (kind, occurred_at) VALUES ('ADJUSTMENT', now())")
                            .update(),
                    CHECK_VIOLATION,
                    "transactions_kind_check");
            return null;
        });
    }

    @Test
    void moneyAmountsMustBePositiveAndCurrenciesIsoShaped() {
        SchemaFixtures.asAppRolledBack(roles, jdbc -> {
            SchemaFixtures fixtures = new SchemaFixtures(jdbc);
            UUID bid = fixtures.bid(fixtures.openJob(fixtures.homeowner()), fixtures.contractor());
            jdbc.sql("SAVEPOINT before_zero").update();
            assertRefused(
                    () -> jdbc.sql("UPDATE bids SET amount_minor = 0 WHERE id = ?")
                            .param(bid)
                            .update(),
                    CHECK_VIOLATION,
                    "bids_amount_check");
            jdbc.sql("ROLLBACK TO SAVEPOINT before_zero").update();
            assertRefused(
                    () -> jdbc.sql("UPDATE bids SET currency = 'usd' WHERE id = ?")
                            .param(bid)
                            .update(),
                    CHECK_VIOLATION,
                    "bids_currency_check");
            return null;
        });
    }

    @Test
    void everyBidAndRevisionStatesItsDuration() {
        SchemaFixtures.asAppRolledBack(roles, jdbc -> {
            SchemaFixtures fixtures = new SchemaFixtures(jdbc);
            UUID bid = fixtures.bid(fixtures.openJob(fixtures.homeowner()), fixtures.contractor());
            jdbc.sql("SAVEPOINT before_null").update();
            assertRefused(
                    () -> jdbc.sql("UPDATE bids SET estimated_duration_days = NULL WHERE id = ?")
                            .param(bid)
                            .update(),
                    CHECK_VIOLATION,
                    "bids_estimated_duration_required");
            jdbc.sql("ROLLBACK TO SAVEPOINT before_null").update();
            assertRefused(
                    () -> jdbc.sql("""
                                    INSERT INTO bid_revisions (bid_id, revision, amount_minor, currency, proposal,
                                                               fee_rate_bps)
                                    VALUES (?, 99, 1000, 'USD', 'No duration.', 500)""").param(bid).update(),
                    CHECK_VIOLATION,
                    "bid_revisions_estimated_duration_required");
            return null;
        });
    }

    private static StateColumn column(
            String constraint,
            String table,
            String key,
            Function<SchemaFixtures, UUID> row,
            String badSet,
            String... values) {
        return new StateColumn(constraint, table, key, List.of(values), row, badSet);
    }

    private static Set<String> literals(String definition) {
        Set<String> literals = new LinkedHashSet<>();
        Matcher matcher = LITERAL.matcher(definition);
        while (matcher.find()) {
            literals.add(matcher.group(1));
        }
        return literals;
    }

    private static UUID emailVerification(SchemaFixtures f) {
        return f.jdbc().sql("""
                        INSERT INTO email_verifications (user_id, email, purpose, token_hash, expires_at)
                        VALUES (?, 'new@example.test', 'SIGNUP', gen_random_bytes(32), now() + interval '1 day')
                        RETURNING id""").param(f.homeowner()).query(UUID.class).single();
    }

    private static UUID contractorProfile(SchemaFixtures f) {
        UUID contractor = f.contractor();
        f.jdbc()
                .sql("INSERT INTO contractor_profiles (user_id, trades) VALUES (?, CAST('{plumbing}' AS ltree[]))")
                .param(contractor)
                .update();
        return contractor;
    }

    private static UUID payment(SchemaFixtures f) {
        return f.jdbc()
                .sql("""
                        INSERT INTO payments (contract_id, provider, amount_minor, currency, idempotency_key)
                        VALUES (?, 'SIMULATED', 150000, 'XTS', ?)
                        RETURNING id""")
                .params(f.contract().id(), "fund-" + UUID.randomUUID())
                .query(UUID.class)
                .single();
    }

    private static UUID payout(SchemaFixtures f) {
        Contract contract = f.contract();
        UUID escrow = f.escrowFor(contract);
        UUID cash = f.platformLedgerAccount("PROVIDER_CASH");
        UUID payable = f.ownedLedgerAccount("CONTRACTOR_PAYABLE", contract.contractorId());
        UUID fees = f.platformLedgerAccount("PLATFORM_FEE_REVENUE");
        f.journal("FUND", contract.id(), new Entry(cash, 150000), new Entry(escrow, -150000));
        UUID release = f.journal(
                "RELEASE",
                contract.id(),
                new Entry(escrow, 150000),
                new Entry(payable, -142500),
                new Entry(fees, -7500));
        return f.jdbc()
                .sql("""
                        INSERT INTO payouts (contract_id, contractor_id, release_transaction_id, amount_minor, currency)
                        VALUES (?, ?, ?, 142500, 'XTS')
                        RETURNING id""")
                .params(contract.id(), contract.contractorId(), release)
                .query(UUID.class)
                .single();
    }

    private static UUID disputeResponse(SchemaFixtures f) {
        Contract contract = f.contract();
        return f.jdbc()
                .sql("""
                        INSERT INTO dispute_responses (dispute_id, author_id, kind, body)
                        VALUES (?, ?, 'RESPONSE', 'It was fine when I left.')
                        RETURNING id""")
                .params(f.openDispute(contract), contract.contractorId())
                .query(UUID.class)
                .single();
    }

    private static UUID review(SchemaFixtures f) {
        Contract contract = f.contract();
        return f.review(contract, contract.homeownerId(), contract.contractorId());
    }

    private static UUID notification(SchemaFixtures f) {
        return f.jdbc()
                .sql("""
                        INSERT INTO notifications (user_id, channel, template, dedupe_key, recipient, subject, body,
                                                   next_attempt_at)
                        VALUES (?, 'EMAIL', 'bid-accepted', ?, 'someone@example.test', 'Accepted', 'Hello', now())
                        RETURNING id""")
                .params(f.homeowner(), "dedupe-" + UUID.randomUUID())
                .query(UUID.class)
                .single();
    }

    private static UUID notificationPreference(SchemaFixtures f) {
        UUID user = f.homeowner();
        f.jdbc().sql("""
                        INSERT INTO notification_preferences (user_id, event_group, channel, enabled)
                        VALUES (?, 'BIDS', 'EMAIL', true)""").param(user).update();
        return user;
    }

    private static UUID evidenceFile(SchemaFixtures f) {
        Contract contract = f.contract();
        return f.jdbc()
                .sql("""
                        INSERT INTO evidence_files (completion_id, uploaded_by, storage_key, content_type, size_bytes, sha256)
                        VALUES (?, ?, ?, 'image/jpeg', 1024, sha256('photo'::bytea))
                        RETURNING id""")
                .params(f.completion(contract), contract.contractorId(), "evidence/" + UUID.randomUUID())
                .query(UUID.class)
                .single();
    }
}
