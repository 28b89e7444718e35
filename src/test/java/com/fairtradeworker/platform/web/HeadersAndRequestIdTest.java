package com.fairtradeworker.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.ApiClient.Response;
import com.fairtradeworker.support.IntegrationTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class HeadersAndRequestIdTest {

    @Autowired
    ApiClient api;

    @Test
    void securityHeadersOnSuccessesAndOnEveryKindOfError() {
        List<Response> responses = List.of(
                api.post("/api/test-probe")
                        .json("{\"name\":\"a\",\"amountMinor\":1}")
                        .send(),
                api.post("/api/test-probe").json("{").send(),
                api.post("/api/test-probe")
                        .json("{\"name\":\"" + "x".repeat(1_100_000) + "\"}")
                        .send(),
                api.get("/api/test-probe/failure").send(),
                api.get("/api/unknown").send(),
                api.get("/actuator/health").send());

        for (Response response : responses) {
            assertThat(response.header("X-Content-Type-Options"))
                    .as("nosniff on %s", response.status())
                    .isEqualTo("nosniff");
            assertThat(response.header("Content-Security-Policy"))
                    .contains("default-src 'none'")
                    .contains("frame-ancestors 'none'");
            assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(response.header("Content-Type")).isNotBlank();
            assertThat(response.header("Strict-Transport-Security"))
                    .as("HSTS is production-only")
                    .isNull();
        }
    }

    @Test
    void wellFormedRequestIdIsEchoed() {
        Response response = api.get("/actuator/health")
                .header("X-Request-Id", "trace-abc-12345")
                .send();

        assertThat(response.header("X-Request-Id")).isEqualTo("trace-abc-12345");
    }

    @Test
    void malformedRequestIdIsReplacedByAFreshOne() {
        Response response = api.get("/actuator/health")
                .header("X-Request-Id", "bad id <script>alert(1)</script>")
                .send();

        assertThat(UUID.fromString(response.header("X-Request-Id"))).isNotNull();
    }

    @Test
    void missingRequestIdIsGenerated() {
        Response first = api.get("/actuator/health").send();
        Response second = api.get("/actuator/health").send();

        assertThat(first.header("X-Request-Id")).isNotEqualTo(second.header("X-Request-Id"));
    }

    @Test
    void corsAdmitsOnlyTheFrontend() {
        Response allowed = api.options("/api/test-probe")
                .header("Origin", "http://localhost:5173")
                .header("Access-Control-Request-Method", "POST")
                .send();
        Response refused = api.options("/api/test-probe")
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .send();

        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:5173");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Access-Control-Allow-Origin")).isNull();
    }
}
