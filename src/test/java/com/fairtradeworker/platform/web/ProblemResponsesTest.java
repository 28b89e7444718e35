package com.fairtradeworker.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.ApiClient.Response;
import com.fairtradeworker.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class ProblemResponsesTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    @Autowired
    ApiClient api;

    @Test
    void aValidRequestPassesThrough() {
        Response response = api.post("/api/test-probe")
                .json("{\"name\":\"tap\",\"amountMinor\":125000}")
                .send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("amountMinor").asLong()).isEqualTo(125000);
    }

    @Test
    void validationErrorsListEveryOffendingField() {
        Response response = api.post("/api/test-probe")
                .json("{\"name\":\"\",\"amountMinor\":-5}")
                .send();

        assertProblem(response, 400, "validation-failed");
        assertThat(response.json().get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("name", "amountMinor");
    }

    @Test
    void malformedJsonIs400() {
        Response response = api.post("/api/test-probe").json("{\"name\": ").send();

        assertProblem(response, 400, "malformed-request");
        assertThat(response.json().get("detail").asString())
                .isEqualTo("The request body is missing or is not valid JSON.");
    }

    @Test
    void unknownFieldsAre400AndNamed() {
        Response response = api.post("/api/test-probe")
                .json("{\"name\":\"x\",\"amountMinor\":1,\"role\":\"ADMIN\"}")
                .send();

        assertProblem(response, 400, "malformed-request");
        assertThat(response.json().get("detail").asString()).isEqualTo("Unknown field 'role'.");
    }

    @Test
    void wrongTypeNamesTheFieldNotTheJavaType() {
        Response response = api.post("/api/test-probe")
                .json("{\"name\":\"x\",\"amountMinor\":\"lots\"}")
                .send();

        assertProblem(response, 400, "malformed-request");
        assertThat(response.json().get("detail").asString()).contains("'amountMinor'");
    }

    @Test
    void wrongContentTypeIs415() {
        Response response =
                api.post("/api/test-probe").body("text/plain", "name=x").send();

        assertProblem(response, 415, "unsupported-media-type");
    }

    @Test
    void declaredOversizedBodyIs413BeforeItIsRead() {
        String big = "{\"name\":\"" + "x".repeat(1_100_000) + "\",\"amountMinor\":1}";

        Response response = api.post("/api/test-probe").json(big).send();

        assertProblem(response, 413, "payload-too-large");
    }

    @Test
    void chunkedOversizedBodyIs413WhileStreaming() {
        byte[] big =
                ("{\"name\":\"" + "x".repeat(1_100_000) + "\",\"amountMinor\":1}").getBytes(StandardCharsets.UTF_8);

        Response response =
                api.post("/api/test-probe").chunkedBody("application/json", big).send();

        assertProblem(response, 413, "payload-too-large");
    }

    @Test
    void serverFaultsRevealNothingInternal() {
        Response response = api.get("/api/test-probe/failure").send();

        assertProblem(response, 500, "internal-error");
        assertThat(response.body())
                .doesNotContain("SELECT")
                .doesNotContain("IllegalStateException")
                .doesNotContain("com.fairtradeworker")
                .doesNotContain("at ");
    }

    @Test
    void unknownRoutesAreRefusedAsProblemsWithoutAuthentication() {
        Response response = api.get("/api/no-such-route").send();

        assertProblem(response, 401, "unauthenticated");
    }

    @Test
    void everyProblemCarriesTheRequestId() {
        Response response = api.post("/api/test-probe")
                .header("X-Request-Id", "client-req-0001")
                .json("{")
                .send();

        assertThat(response.json().get("requestId").asString()).isEqualTo("client-req-0001");
    }

    static void assertProblem(Response response, int status, String type) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith(PROBLEM_JSON);
        assertThat(response.json().get("type").asString()).isEqualTo("https://fairtradeworker.com/problems/" + type);
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.json().get("title").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain("trace").doesNotContain("exception");
    }
}
