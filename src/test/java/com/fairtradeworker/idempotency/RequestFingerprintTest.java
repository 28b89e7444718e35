package com.fairtradeworker.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class RequestFingerprintTest {

    static final UUID USER = UUID.randomUUID();
    final RequestFingerprint fingerprint =
            new RequestFingerprint(JsonMapper.builder().build());

    record Amount(long amountMinor, String currency) {}

    record Split(Amount release, Amount refund, List<String> notes) {}

    @Test
    void propertyOrderDoesNotMatterAtAnyDepth() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("b", 2);
        inner.put("a", 1);
        Map<String, Object> reordered = new LinkedHashMap<>();
        reordered.put("a", 1);
        reordered.put("b", 2);

        assertThat(hash("POST", "/api/x", Map.of("outer", inner, "z", List.of(inner))))
                .isEqualTo(hash("POST", "/api/x", Map.of("z", List.of(reordered), "outer", reordered)));
        assertThat(new String(
                        fingerprint.canonicalBody(new Split(new Amount(1, "USD"), null, List.of("b", "a"))),
                        StandardCharsets.UTF_8))
                .isEqualTo(
                        "{\"notes\":[\"b\",\"a\"],\"refund\":null,\"release\":{\"amountMinor\":1,\"currency\":\"USD\"}}");
    }

    @Test
    void methodRouteAndEveryPartOfTheBodyCount() {
        byte[] base = hash("POST", "/api/x", new Amount(100, "USD"));

        assertThat(base).hasSize(32);
        assertThat(hash("PUT", "/api/x", new Amount(100, "USD"))).isNotEqualTo(base);
        assertThat(hash("POST", "/api/y", new Amount(100, "USD"))).isNotEqualTo(base);
        assertThat(hash("POST", "/api/x", new Amount(101, "USD"))).isNotEqualTo(base);
        assertThat(hash("POST", "/api/x", new Amount(100, "EUR"))).isNotEqualTo(base);
        assertThat(hash("POST", "/api/x", null)).isNotEqualTo(base).isNotEqualTo(hash("POST", "/api/x", Map.of()));
        assertThat(hash("POST", "/api/x", new Amount(100, "USD"))).isEqualTo(base);
    }

    private byte[] hash(String method, String route, Object body) {
        return fingerprint.of(new IdempotentRequest(USER, "key", method, route, body));
    }
}
