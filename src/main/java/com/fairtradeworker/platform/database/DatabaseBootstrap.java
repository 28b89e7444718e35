package com.fairtradeworker.platform.database;

import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Prepares a fresh PostgreSQL server the way operators prepare production (docs/deployment.md) and {@code .ci/run}
 * prepares CI: a schema-owner role, a runtime role that is not the owner, the database and its extensions. Safe to run
 * on every start.
 */
final class DatabaseBootstrap {

    static final String DATABASE = "fairtradeworker";
    static final String OWNER_ROLE = "ftw_owner";
    static final String RUNTIME_ROLE = "ftw_app";
    static final String[] EXTENSIONS = {"pg_trgm", "cube", "earthdistance", "citext", "pgcrypto", "ltree"};

    private DatabaseBootstrap() {}

    static DatabaseEndpoints prepare(EmbeddedPostgresServer server) {
        JdbcClient cluster = JdbcClient.create(server.superuserDataSource("postgres"));
        createRoleIfMissing(cluster, OWNER_ROLE);
        createRoleIfMissing(cluster, RUNTIME_ROLE);
        // Lets the owner SET ROLE to the runtime role, so tests can act as it inside an owner transaction.
        cluster.sql("GRANT " + RUNTIME_ROLE + " TO " + OWNER_ROLE).update();
        boolean exists = cluster.sql("SELECT count(*) FROM pg_database WHERE datname = ?")
                        .param(DATABASE)
                        .query(Long.class)
                        .single()
                > 0;
        if (!exists) {
            cluster.sql("CREATE DATABASE " + DATABASE + " OWNER " + OWNER_ROLE).update();
        }
        cluster.sql("REVOKE ALL ON DATABASE " + DATABASE + " FROM PUBLIC").update();
        cluster.sql("GRANT CONNECT, TEMPORARY ON DATABASE " + DATABASE + " TO " + RUNTIME_ROLE)
                .update();

        DataSource database = server.superuserDataSource(DATABASE);
        JdbcClient schema = JdbcClient.create(database);
        for (String extension : EXTENSIONS) {
            schema.sql("CREATE EXTENSION IF NOT EXISTS " + extension + " CASCADE")
                    .update();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/" + DATABASE;
        return new DatabaseEndpoints(
                new JdbcEndpoint(url, RUNTIME_ROLE, null), new JdbcEndpoint(url, OWNER_ROLE, null));
    }

    private static void createRoleIfMissing(JdbcClient cluster, String role) {
        boolean exists = cluster.sql("SELECT count(*) FROM pg_roles WHERE rolname = ?")
                        .param(role)
                        .query(Long.class)
                        .single()
                > 0;
        if (!exists) {
            cluster.sql("CREATE ROLE " + role + " LOGIN").update();
        }
    }
}
