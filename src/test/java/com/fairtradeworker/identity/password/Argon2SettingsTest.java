package com.fairtradeworker.identity.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class Argon2SettingsTest {

    @Test
    void defaultsAreTheSecurityGuidesMinimum() {
        assertThat(bind(Map.of())).isEqualTo(new Argon2Settings(19_456, 2, 1));
        assertThat(Argon2Settings.DEFAULTS).isEqualTo(new Argon2Settings(19_456, 2, 1));
    }

    @Test
    void bindsFromApplicationProperties() {
        Argon2Settings settings = bind(Map.of(
                "app.security.argon2.memory-kib", "65536",
                "app.security.argon2.iterations", "3",
                "app.security.argon2.parallelism", "2"));

        assertThat(settings).isEqualTo(new Argon2Settings(65_536, 3, 2));
    }

    @Test
    void refusesToWeakenBelowTheMinimum() {
        assertThatThrownBy(() -> bind(Map.of("app.security.argon2.memory-kib", "19455")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining("memory-kib must be at least 19456");
        assertThatThrownBy(() -> new Argon2Settings(19_456, 1, 1)).hasMessageContaining("iterations");
        assertThatThrownBy(() -> new Argon2Settings(19_456, 2, 0)).hasMessageContaining("parallelism");
    }

    private static Argon2Settings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("app.security.argon2", Argon2Settings.class);
    }
}
