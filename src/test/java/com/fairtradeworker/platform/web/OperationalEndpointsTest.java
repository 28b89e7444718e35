package com.fairtradeworker.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.ApiClient.Response;
import com.fairtradeworker.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;

@IntegrationTest
class OperationalEndpointsTest {

    @Autowired
    ApiClient api;

    @Autowired
    HealthEndpoint health;

    @Test
    void livenessAndReadinessAreUpAndPublic() {
        assertThat(api.get("/actuator/health/liveness")
                        .send()
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("UP");
        assertThat(api.get("/actuator/health/readiness")
                        .send()
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("UP");
    }

    @Test
    void readinessChecksPostgresAndRedis() {
        var readiness = (CompositeHealthDescriptor) health.healthForPath("readiness");

        assertThat(readiness.getComponents()).containsKeys("db", "redis", "readinessState");
        assertThat(readiness.getStatus().getCode()).isEqualTo("UP");
    }

    @Test
    void healthShowsNoDetailsToTheAnonymous() {
        assertThat(api.get("/actuator/health/readiness").send().body())
                .doesNotContain("PostgreSQL")
                .doesNotContain("version");
    }

    @Test
    void prometheusMetricsAreExposed() {
        Response response = api.get("/actuator/prometheus").send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("jvm_memory_used_bytes").contains("hikaricp_connections");
    }

    @Test
    void otherActuatorEndpointsAreNotPublic() {
        assertThat(api.get("/actuator/env").send().status()).isIn(401, 404);
        assertThat(api.get("/actuator/beans").send().status()).isIn(401, 404);
    }

    @Test
    void openApiDocumentAndSwaggerUi() {
        Response docs = api.get("/v3/api-docs").send();
        Response ui = api.get("/swagger-ui/index.html").send();

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("info").get("title").asString()).isEqualTo("FairTradeWorker API");
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
    }
}
