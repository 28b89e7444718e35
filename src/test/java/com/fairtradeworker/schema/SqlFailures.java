package com.fairtradeworker.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.SQLException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.springframework.dao.DataAccessException;

/**
 * Asserts that PostgreSQL refused a statement for one specific reason (SQLSTATE, and the constraint, trigger or table
 * it names), not merely that something failed. Runs the statement exactly once: after a refusal the transaction is
 * aborted.
 */
final class SqlFailures {

    static final String UNIQUE_VIOLATION = "23505";
    static final String CHECK_VIOLATION = "23514";
    static final String FOREIGN_KEY_VIOLATION = "23503";
    static final String INSUFFICIENT_PRIVILEGE = "42501";
    static final String RAISE_EXCEPTION = "P0001";

    private SqlFailures() {}

    /** Returns what the statement threw, after checking it carries the SQLSTATE and names what refused it. */
    static Throwable assertRefused(ThrowingCallable statement, String sqlState, String named) {
        Throwable thrown = assertRefused(statement, sqlState);
        assertThat(sqlException(thrown).getMessage()).contains(named);
        return thrown;
    }

    /** Returns what the statement threw, after checking it carries the SQLSTATE. */
    static Throwable assertRefused(ThrowingCallable statement, String sqlState) {
        Throwable thrown = catchThrowable(statement);
        assertThat(thrown)
                .as("the statement should have been refused with SQLSTATE %s", sqlState)
                .isNotNull();
        SQLException cause = sqlException(thrown);
        assertThat((Throwable) cause).as("an SQLException behind %s", thrown).isNotNull();
        assertThat(cause.getSQLState())
                .as("SQLSTATE of: %s", cause.getMessage())
                .isEqualTo(sqlState);
        if (!(thrown instanceof SQLException)) {
            assertThat(thrown).isInstanceOf(DataAccessException.class);
        }
        return thrown;
    }

    static SQLException sqlException(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }
}
