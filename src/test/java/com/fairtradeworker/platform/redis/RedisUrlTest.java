package com.fairtradeworker.platform.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RedisUrlTest {

    @Test
    void plainUrl() {
        assertThat(RedisUrl.parse("redis://cache:6380/2")).isEqualTo(new RedisUrl("cache", 6380, 2, null, null, false));
    }

    @Test
    void tlsWithAuthTokenAsPassword() {
        RedisUrl url = RedisUrl.parse("rediss://:t0ken@master.cache.amazonaws.com:6379");

        assertThat(url.tls()).isTrue();
        assertThat(url.username()).isNull();
        assertThat(url.password()).isEqualTo("t0ken");
        assertThat(url.toString()).doesNotContain("t0ken");
    }

    @Test
    void aclUserAndPassword() {
        RedisUrl url = RedisUrl.parse("redis://app:pw@localhost");

        assertThat(url.username()).isEqualTo("app");
        assertThat(url.password()).isEqualTo("pw");
        assertThat(url.port()).isEqualTo(6379);
    }

    @Test
    void refusesOtherSchemesAndBadDatabases() {
        assertThatThrownBy(() -> RedisUrl.parse("http://cache")).hasMessageContaining("redis://");
        assertThatThrownBy(() -> RedisUrl.parse("redis://cache/x")).hasMessageContaining("not a number");
    }
}
