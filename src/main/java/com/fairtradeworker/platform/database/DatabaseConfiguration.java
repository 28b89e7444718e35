package com.fairtradeworker.platform.database;

import com.fairtradeworker.platform.config.AppProperties;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the PostgreSQL server: {@code DATABASE_URL} (runtime role) and {@code DATABASE_MIGRATION_URL} (schema owner,
 * defaults to {@code DATABASE_URL}) when set; otherwise an embedded server, which production refuses. Everything above
 * this class is the same code in both cases.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    /** {@code DATABASE_URL} is set: a real server, as in production. */
    @Bean
    @ConditionalOnExpression("!'${app.database.url:}'.isBlank()")
    DatabaseEndpoints externalDatabase(AppProperties app) {
        JdbcEndpoint runtime = DatabaseUrl.parse(app.database().url());
        JdbcEndpoint migration = AppProperties.isSet(app.database().migrationUrl())
                ? DatabaseUrl.parse(app.database().migrationUrl())
                : runtime;
        if (migration.username().equals(runtime.username())) {
            log.warn(
                    "The service connects as the schema owner ({}): set DATABASE_MIGRATION_URL to the owner and"
                            + " DATABASE_URL to a runtime role so the database itself keeps the journal append-only",
                    runtime.username());
        }
        log.info("PostgreSQL: serving as {}, migrating as {}", runtime, migration);
        return new DatabaseEndpoints(runtime, migration);
    }

    /**
     * No {@code DATABASE_URL}: an embedded server. Taking it as a parameter makes everything that uses the database
     * stop before the server does.
     */
    @Bean
    @ConditionalOnExpression("'${app.database.url:}'.isBlank()")
    DatabaseEndpoints embeddedDatabase(EmbeddedPostgresServer embeddedPostgresServer) {
        return DatabaseBootstrap.prepare(embeddedPostgresServer);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${app.database.url:}'.isBlank()")
    EmbeddedPostgresServer embeddedPostgresServer(AppProperties app) {
        if (app.environment().isProduction()) {
            throw new IllegalStateException(
                    "The embedded PostgreSQL server is refused in production: set DATABASE_URL");
        }
        return EmbeddedPostgresServer.start(
                Path.of(app.embedded().dataDir()), app.embedded().ephemeral());
    }

    @Bean
    JdbcConnectionDetails jdbcConnectionDetails(DatabaseEndpoints endpoints) {
        JdbcEndpoint runtime = endpoints.runtime();
        return new JdbcConnectionDetails() {
            @Override
            public String getJdbcUrl() {
                return runtime.jdbcUrl();
            }

            @Override
            public String getUsername() {
                return runtime.username();
            }

            @Override
            public String getPassword() {
                return runtime.password();
            }
        };
    }

    @Bean
    FlywayConnectionDetails flywayConnectionDetails(DatabaseEndpoints endpoints) {
        JdbcEndpoint migration = endpoints.migration();
        return new FlywayConnectionDetails() {
            @Override
            public String getJdbcUrl() {
                return migration.jdbcUrl();
            }

            @Override
            public String getUsername() {
                return migration.username();
            }

            @Override
            public String getPassword() {
                return migration.password();
            }
        };
    }

    /** Grants in the migrations name the runtime role through this placeholder. */
    @Bean
    FlywayConfigurationCustomizer runtimeRolePlaceholder(DatabaseEndpoints endpoints) {
        return configuration -> configuration.placeholders(Map.of("app_role", endpoints.runtimeRole()));
    }
}
