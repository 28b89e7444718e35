package com.fairtradeworker.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void readsThePlansForm() {
        JdbcEndpoint endpoint = DatabaseUrl.parse("postgresql://user:password@host:5432/fairtradeworker");

        assertThat(endpoint.jdbcUrl()).isEqualTo("jdbc:postgresql://host:5432/fairtradeworker");
        assertThat(endpoint.username()).isEqualTo("user");
        assertThat(endpoint.password()).isEqualTo("password");
    }

    @Test
    void decodesPercentEncodedCredentialsAndKeepsDriverParameters() {
        JdbcEndpoint endpoint = DatabaseUrl.parse("postgres://app%40corp:p%3Ass+w@db.internal/ftw?sslmode=require");

        assertThat(endpoint.username()).isEqualTo("app@corp");
        assertThat(endpoint.password()).isEqualTo("p:ss+w");
        assertThat(endpoint.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5432/ftw?sslmode=require");
    }

    @Test
    void aUserWithoutPasswordIsAllowedForTrustOrIamAuthentication() {
        assertThat(DatabaseUrl.parse("postgresql://ftw_app@127.0.0.1:5432/test").password())
                .isNull();
    }

    @Test
    void neverPrintsThePassword() {
        assertThat(DatabaseUrl.parse("postgresql://u:s3cr3t@h/d").toString()).doesNotContain("s3cr3t");
    }

    @Test
    void refusesOtherFormsWithAnExample() {
        assertThatThrownBy(() -> DatabaseUrl.parse("jdbc:postgresql://h/d")).hasMessageContaining("postgresql://");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://u@h")).hasMessageStartingWith("names no database");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://h/d")).hasMessageStartingWith("names no user");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://u@/d")).hasMessageStartingWith("has no host");
    }
}
