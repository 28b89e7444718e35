package com.fairtradeworker.schema;

import static com.fairtradeworker.schema.SqlFailures.CHECK_VIOLATION;
import static com.fairtradeworker.schema.SqlFailures.FOREIGN_KEY_VIOLATION;
import static com.fairtradeworker.schema.SqlFailures.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.schema.SchemaFixtures.Contract;
import com.fairtradeworker.schema.SchemaFixtures.Entry;
import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.IntegrationTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The double-entry rules the database enforces by itself: balanced journal transactions (checked at commit), entries
 * in their account's currency, escrow never below zero, and views that derive balances from the entries.
 */
@IntegrationTest
class LedgerInvariantsTest {

    @Autowired
    DatabaseRoles roles;

    /** The application's own DataSource: the runtime role, committing for real. */
    @Autowired
    DataSource applicationDataSource;

    @Test
    void anUnbalancedJournalTransactionIsRefusedAtCommit() {
        UUID[] journal = new UUID[1];
        CommitOutcome outcome = commitAsApp(jdbc -> {
            SchemaFixtures f = new SchemaFixtures(jdbc);
            UUID from = f.ownedLedgerAccount("CONTRACTOR_PAYABLE", UUID.randomUUID());
            UUID to = f.ownedLedgerAccount("CONTRACTOR_PAYABLE", UUID.randomUUID());
            journal[0] = f.journal("PAYOUT", null, new Entry(from, 100), new Entry(to, -99));
            return "inserted";
        });

        assertThat(outcome.role()).isEqualTo(roles.appRoleName());
        assertThat(outcome.result())
                .as("every insert succeeded; only the commit is refused")
                .isEqualTo("inserted");
        assertThat((Throwable) outcome.commitFailure()).isNotNull();
        assertThat(outcome.commitFailure().getSQLState()).isEqualTo(CHECK_VIOLATION);
        assertThat(outcome.commitFailure().getMessage())
                .contains("does not balance")
                .contains("XTS");
        assertThat(journalExists(journal[0])).isFalse();
    }

    @Test
    void aBalancedJournalTransactionCommits() {
        UUID[] ids = new UUID[3];
        CommitOutcome outcome = commitAsApp(jdbc -> {
            SchemaFixtures f = new SchemaFixtures(jdbc);
            ids[0] = f.ownedLedgerAccount("CONTRACTOR_PAYABLE", UUID.randomUUID());
            ids[1] = f.ownedLedgerAccount("CONTRACTOR_PAYABLE", UUID.randomUUID());
            ids[2] = f.journal("PAYOUT", null, new Entry(ids[0], 2500), new Entry(ids[1], -2500));
            return "inserted";
        });

        assertThat((Throwable) outcome.commitFailure()).isNull();
        assertThat(journalExists(ids[2])).isTrue();
        assertThat(balance(ids[0])).isEqualTo(2500L);
        assertThat(balance(ids[1])).isEqualTo(-2500L);
    }

    @Test
    void aJournalTransactionWithoutEntriesIsRefusedAtCommit() {
        CommitOutcome outcome = commitAsApp(jdbc -> jdbc.sql(
                        "INSERT INTO transactions (kind, occurred_at) VALUES ('PROCESSING_FEE', now()) RETURNING id")
                .query(UUID.class)
                .single());

        assertThat((Throwable) outcome.commitFailure()).isNotNull();
        assertThat(outcome.commitFailure().getSQLState()).isEqualTo(CHECK_VIOLATION);
        assertThat(outcome.commitFailure().getMessage()).contains("fewer than two ledger entries");
        assertThat(journalExists((UUID) outcome.result())).isFalse();
    }

    @Test
    void anEscrowAccountCannotReleaseMoreThanItHolds() {
        SchemaFixtures.asAppRolledBack(roles, jdbc -> {
            SchemaFixtures f = new SchemaFixtures(jdbc);
            Contract contract = f.contract();
            UUID escrow = f.escrowFor(contract);
            UUID cash = f.platformLedgerAccount("PROVIDER_CASH");
            UUID payable = f.ownedLedgerAccount("CONTRACTOR_PAYABLE", contract.contractorId());
            f.journal("FUND", contract.id(), new Entry(cash, 150000), new Entry(escrow, -150000));
            f.journal("RELEASE", contract.id(), new Entry(escrow, 150001), new Entry(payable, -150001));

            // Runs the checks that would otherwise wait for the commit this rolled-back transaction never reaches.
            assertRefused(() -> jdbc.sql("SET CONSTRAINTS ALL IMMEDIATE").update(), CHECK_VIOLATION, "below zero");
            return null;
        });
    }

    @Test
    void anEntryMustBeInItsAccountsCurrency() {
        SchemaFixtures.asAppRolledBack(roles, jdbc -> {
            SchemaFixtures f = new SchemaFixtures(jdbc);
            UUID account = f.ownedLedgerAccount("CONTRACTOR_PAYABLE", UUID.randomUUID());
            UUID journal = f.journal("PAYOUT", null);

            assertRefused(
                    () -> jdbc.sql("""
                                    INSERT INTO ledger_entries (transaction_id, ledger_account_id, amount_minor, currency)
                                    VALUES (?, ?, 100, 'EUR')""").params(journal, account).update(),
                    FOREIGN_KEY_VIOLATION,
                    "ledger_entries_account_currency_fk");
            return null;
        });
    }

    @Test
    void cachedEscrowFiguresNeverReleaseAndRefundMoreThanWasFunded() {
        SchemaFixtures.asAppRolledBack(roles, jdbc -> {
            SchemaFixtures f = new SchemaFixtures(jdbc);
            UUID escrow = f.escrowFor(f.contract());

            assertRefused(() -> jdbc.sql("""
                                    UPDATE escrow_accounts SET funded_minor = 150000, released_minor = 100000,
                                           refunded_minor = 50001
                                     WHERE ledger_account_id = ?""").param(escrow).update(), CHECK_VIOLATION, "escrow_accounts_figures_check");
            return null;
        });
    }

    @Test
    void viewsDeriveEscrowFiguresFromTheEntriesOfASplit() {
        Map<String, Object> figures = SchemaFixtures.asAppRolledBack(roles, jdbc -> {
            SchemaFixtures f = new SchemaFixtures(jdbc);
            Contract contract = f.contract();
            UUID escrow = f.escrowFor(contract);
            UUID cash = f.platformLedgerAccount("PROVIDER_CASH");
            UUID fees = f.platformLedgerAccount("PLATFORM_FEE_REVENUE");
            UUID payable = f.ownedLedgerAccount("CONTRACTOR_PAYABLE", contract.contractorId());
            f.journal("FUND", contract.id(), new Entry(cash, 150000), new Entry(escrow, -150000));
            // 100,000 to the contractor (5% fee) and 50,000 back to the homeowner.
            f.journal(
                    "SPLIT",
                    contract.id(),
                    new Entry(escrow, 150000),
                    new Entry(payable, -95000),
                    new Entry(fees, -5000),
                    new Entry(cash, -50000));
            jdbc.sql("SET CONSTRAINTS ALL IMMEDIATE").update();
            return jdbc.sql("""
                            SELECT b.held_minor, b.funded_minor, b.released_minor, b.refunded_minor,
                                   p.balance_minor AS payable_balance, o.full_release_fee_minor
                              FROM escrow_balances b
                              JOIN contract_overviews o ON o.contract_id = b.contract_id
                              JOIN ledger_account_balances p ON p.ledger_account_id = ?
                             WHERE b.contract_id = ?""").params(payable, contract.id()).query().singleRow();
        });

        assertThat(figures)
                .containsEntry("held_minor", 0L)
                .containsEntry("funded_minor", 150000L)
                .containsEntry("released_minor", 100000L)
                .containsEntry("refunded_minor", 50000L)
                .containsEntry("payable_balance", -95000L)
                .containsEntry("full_release_fee_minor", 7500L);
    }

    private boolean journalExists(UUID id) {
        return roles.app()
                .sql("SELECT EXISTS (SELECT 1 FROM transactions WHERE id = ?)")
                .param(id)
                .query(Boolean.class)
                .single();
    }

    private long balance(UUID account) {
        return roles.app()
                .sql("SELECT balance_minor FROM ledger_account_balances WHERE ledger_account_id = ?")
                .param(account)
                .query(Long.class)
                .single();
    }

    record CommitOutcome(String role, Object result, SQLException commitFailure) {}

    /** Runs the work in one transaction of the application's DataSource and really commits it. */
    private CommitOutcome commitAsApp(Function<JdbcClient, Object> work) {
        try (Connection connection = applicationDataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(connection, true));
                String role =
                        jdbc.sql("SELECT current_user").query(String.class).single();
                Object result = work.apply(jdbc);
                try {
                    connection.commit();
                    return new CommitOutcome(role, result, null);
                } catch (SQLException refused) {
                    return new CommitOutcome(role, result, refused);
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
