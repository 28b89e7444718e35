package com.fairtradeworker.schema;

import static com.fairtradeworker.schema.SqlFailures.INSUFFICIENT_PRIVILEGE;
import static com.fairtradeworker.schema.SqlFailures.RAISE_EXCEPTION;
import static com.fairtradeworker.schema.SqlFailures.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.schema.SchemaFixtures.Contract;
import com.fairtradeworker.schema.SchemaFixtures.Entry;
import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.IntegrationTest;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The money journal and the audit log cannot be changed after insert: the trigger stops everyone (the owner too),
 * and the runtime role lacks the privilege even when the trigger is gone.
 */
@IntegrationTest
class AppendOnlyTablesTest {

    static final List<String> APPEND_ONLY = List.of("transactions", "ledger_entries", "audit_logs");

    @Autowired
    DatabaseRoles roles;

    static Stream<Arguments> changes() {
        return APPEND_ONLY.stream()
                .flatMap(table -> Stream.of(Arguments.of(table, "UPDATE"), Arguments.of(table, "DELETE")));
    }

    @Test
    void runtimeRoleMayOnlyReadAndInsertTheAppendOnlyTables() {
        for (String table : APPEND_ONLY) {
            assertThat(privileges(table)).as(table).containsExactly("SELECT", "INSERT");
        }
        assertThat(privileges("jobs")).containsExactly("SELECT", "INSERT", "UPDATE", "DELETE");
        assertThat(privileges("escrow_balances")).containsExactly("SELECT");
    }

    @ParameterizedTest(name = "{1} on {0} as the runtime role is refused")
    @MethodSource("changes")
    void runtimeRoleCannotChangeAppendOnlyRows(String table, String operation) {
        UUID anyId = UUID.randomUUID();

        assertRefused(
                () -> roles.app().sql(change(table, operation)).param(anyId).update(), INSUFFICIENT_PRIVILEGE, table);
    }

    @ParameterizedTest(name = "{1} of an existing {0} row as the runtime role is refused")
    @MethodSource("changes")
    void runtimeRoleCannotChangeARowItJustWrote(String table, String operation) {
        SchemaFixtures.asAppRolledBack(roles, jdbc -> {
            UUID row = appendOnlyRow(new SchemaFixtures(jdbc), table);

            assertRefused(() -> jdbc.sql(change(table, operation)).param(row).update(), INSUFFICIENT_PRIVILEGE, table);
            return null;
        });
    }

    @ParameterizedTest(name = "TRUNCATE {0} as the runtime role is refused")
    @ValueSource(strings = {"transactions", "ledger_entries", "audit_logs"})
    void runtimeRoleCannotTruncate(String table) {
        assertRefused(() -> roles.app().sql("TRUNCATE " + table + " CASCADE").update(), INSUFFICIENT_PRIVILEGE, table);
    }

    @ParameterizedTest(name = "{1} of a {0} row by the schema owner is refused by the trigger")
    @MethodSource("changes")
    void triggerRefusesChangesEvenFromTheOwner(String table, String operation) {
        roles.inOwnerTransactionRolledBack(jdbc -> {
            UUID row = appendOnlyRow(new SchemaFixtures(jdbc), table);

            assertRefused(
                    () -> jdbc.sql(change(table, operation)).param(row).update(),
                    RAISE_EXCEPTION,
                    table + " is append-only");
            return null;
        });
    }

    @ParameterizedTest(name = "TRUNCATE {0} by the schema owner is refused by the trigger")
    @ValueSource(strings = {"transactions", "ledger_entries", "audit_logs"})
    void triggerRefusesTruncateEvenFromTheOwner(String table) {
        roles.inOwnerTransactionRolledBack(jdbc -> {
            assertRefused(() -> jdbc.sql("TRUNCATE " + table + " CASCADE").update(), RAISE_EXCEPTION, "is append-only");
            return null;
        });
    }

    @ParameterizedTest(name = "{1} on {0} as the runtime role with the trigger dropped is still refused")
    @MethodSource("changes")
    void runtimeRoleIsRefusedEvenWithTheTriggerDropped(String table, String operation) {
        roles.inOwnerTransactionRolledBack(jdbc -> {
            UUID row = appendOnlyRow(new SchemaFixtures(jdbc), table);
            jdbc.sql("DROP TRIGGER " + table + "_append_only ON " + table).update();
            SchemaFixtures.actAsApp(roles, jdbc);

            assertRefused(() -> jdbc.sql(change(table, operation)).param(row).update(), INSUFFICIENT_PRIVILEGE, table);
            return null;
        });
    }

    @Test
    void withTheTriggerDroppedOnlyTheOwnerCouldChangeARow() {
        // The control for the test above: the row exists and the statement is valid, so the refusal is the privilege.
        int updated = roles.inOwnerTransactionRolledBack(jdbc -> {
            UUID row = new SchemaFixtures(jdbc).auditLog();
            jdbc.sql("DROP TRIGGER audit_logs_append_only ON audit_logs").update();
            return jdbc.sql(change("audit_logs", "UPDATE")).param(row).update();
        });

        assertThat(updated).isEqualTo(1);
    }

    @ParameterizedTest(name = "the runtime role cannot remove or disable the trigger on {0}")
    @ValueSource(strings = {"transactions", "ledger_entries", "audit_logs"})
    void runtimeRoleCannotRemoveOrDisableTheTrigger(String table) {
        assertRefused(
                () -> roles.app()
                        .sql("DROP TRIGGER " + table + "_append_only ON " + table)
                        .update(),
                INSUFFICIENT_PRIVILEGE);
        assertRefused(
                () -> roles.app()
                        .sql("ALTER TABLE " + table + " DISABLE TRIGGER ALL")
                        .update(),
                INSUFFICIENT_PRIVILEGE);
    }

    @Test
    void tablesCreatedByLaterMigrationsGetTheRuntimeRolesDefaultPrivileges() {
        List<Boolean> granted = roles.inOwnerTransactionRolledBack(jdbc -> {
            jdbc.sql("CREATE TABLE schema_test_future_table (id uuid PRIMARY KEY)")
                    .update();
            return Stream.of("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE")
                    .map(privilege -> hasPrivilege(jdbc, "schema_test_future_table", privilege))
                    .toList();
        });

        assertThat(granted).containsExactly(true, true, true, true, false);
    }

    private List<String> privileges(String table) {
        return Stream.of("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE")
                .filter(privilege -> hasPrivilege(roles.owner(), table, privilege))
                .toList();
    }

    private boolean hasPrivilege(JdbcClient jdbc, String table, String privilege) {
        return jdbc.sql("SELECT has_table_privilege(?, ?, ?)")
                .params(roles.appRoleName(), table, privilege)
                .query(Boolean.class)
                .single();
    }

    private static String change(String table, String operation) {
        return operation.equals("UPDATE")
                ? "UPDATE " + table + " SET id = id WHERE id = ?"
                : "DELETE FROM " + table + " WHERE id = ?";
    }

    /** A row of the table, written in the current (never committed) transaction. */
    private static UUID appendOnlyRow(SchemaFixtures fixtures, String table) {
        if (table.equals("audit_logs")) {
            return fixtures.auditLog();
        }
        Contract contract = fixtures.contract();
        UUID escrow = fixtures.escrowFor(contract);
        UUID cash = fixtures.platformLedgerAccount("PROVIDER_CASH");
        UUID transaction = fixtures.journal("FUND", contract.id(), new Entry(cash, 150000), new Entry(escrow, -150000));
        if (table.equals("transactions")) {
            return transaction;
        }
        return fixtures.jdbc()
                .sql("SELECT id FROM ledger_entries WHERE transaction_id = ? ORDER BY amount_minor LIMIT 1")
                .param(transaction)
                .query(UUID.class)
                .single();
    }
}
