package com.fairtradeworker.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fairtradeworker.platform.config.AppProperties;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class EmbeddedPostgresServerTest {

    @Test
    void dataSurvivesARestart(@TempDir Path dataRoot) {
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(dataRoot, false)) {
            JdbcClient owner = ownerClient(DatabaseBootstrap.prepare(first));
            owner.sql("CREATE TABLE kept (note text)").update();
            owner.sql("INSERT INTO kept VALUES ('still here')").update();
        }

        try (EmbeddedPostgresServer second = EmbeddedPostgresServer.start(dataRoot, false)) {
            JdbcClient owner = ownerClient(DatabaseBootstrap.prepare(second));
            assertThat(second.dataDirectory())
                    .isEqualTo(dataRoot.resolve("postgres").toAbsolutePath());
            assertThat(owner.sql("SELECT note FROM kept").query(String.class).list())
                    .containsExactly("still here");
        }
    }

    @Test
    void bootstrapCreatesTwoRolesTheExtensionsAndAnOwnerThatCanActAsTheRuntimeRole(@TempDir Path dataRoot) {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataRoot, true)) {
            DatabaseEndpoints endpoints = DatabaseBootstrap.prepare(server);
            JdbcClient owner = ownerClient(endpoints);

            assertThat(endpoints.runtimeRole())
                    .isEqualTo("ftw_app")
                    .isNotEqualTo(endpoints.migration().username());
            assertThat(owner.sql("SELECT extname FROM pg_extension")
                            .query(String.class)
                            .list())
                    .contains("pg_trgm", "cube", "earthdistance", "citext", "pgcrypto", "ltree");
            assertThat(owner.sql("SELECT pg_has_role('ftw_owner', 'ftw_app', 'MEMBER')")
                            .query(Boolean.class)
                            .single())
                    .isTrue();
            assertThat(DatabaseBootstrap.prepare(server))
                    .as("safe to run twice")
                    .isEqualTo(endpoints);
        }
    }

    @Test
    void productionRefusesTheEmbeddedServer() {
        AppProperties production = new Binder(
                        new MapConfigurationPropertySource(java.util.Map.of("app.env", "production")))
                .bindOrCreate("app", Bindable.of(AppProperties.class));

        assertThatThrownBy(() -> new DatabaseConfiguration().embeddedPostgresServer(production))
                .hasMessageContaining("refused in production");
    }

    private static JdbcClient ownerClient(DatabaseEndpoints endpoints) {
        JdbcEndpoint owner = endpoints.migration();
        return JdbcClient.create(new DriverManagerDataSource(owner.jdbcUrl(), owner.username(), owner.password()));
    }
}
