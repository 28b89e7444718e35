package com.fairtradeworker.support;

import com.fairtradeworker.platform.database.DatabaseEndpoints;
import com.fairtradeworker.platform.database.JdbcEndpoint;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** Connections as each database role: the schema owner (migrations) and the runtime role (the application). */
public final class DatabaseRoles {

    private final DataSource ownerDataSource;
    private final JdbcClient owner;
    private final JdbcClient app;
    private final String appRoleName;

    DatabaseRoles(DatabaseEndpoints endpoints, DataSource applicationDataSource) {
        JdbcEndpoint migration = endpoints.migration();
        this.ownerDataSource =
                new DriverManagerDataSource(migration.jdbcUrl(), migration.username(), migration.password());
        this.owner = JdbcClient.create(ownerDataSource);
        this.app = JdbcClient.create(applicationDataSource);
        this.appRoleName = endpoints.runtimeRole();
    }

    public JdbcClient owner() {
        return owner;
    }

    public JdbcClient app() {
        return app;
    }

    public String appRoleName() {
        return appRoleName;
    }

    /** Runs the callback in one owner transaction on a single connection, and always rolls it back. */
    public <T> T inOwnerTransactionRolledBack(Function<JdbcClient, T> callback) {
        try (Connection connection = ownerDataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                return callback.apply(JdbcClient.create(new SingleConnectionDataSource(connection, true)));
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Owner connection failed", e);
        }
    }
}
