package com.fairtradeworker.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fairtradeworker.FairTradeWorkerApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** The real start-up path refuses production with missing values before any server, embedded or not, is started. */
class ProductionStartupTest {

    @Test
    void productionRefusesToStartWithOneMessageNamingEveryProblem() {
        var application = new SpringApplicationBuilder(FairTradeWorkerApplication.class);
        String[] productionWithWeakSecret = {
            "--app.env=production",
            "--spring.profiles.active=production",
            "--app.jwt-secret=abc",
            "--app.database.url=",
            "--app.redis.url="
        };

        assertThatThrownBy(() -> application.run(productionWithWeakSecret).close())
                .isInstanceOf(InvalidConfigurationException.class)
                .satisfies(failure -> {
                    var problems = ((InvalidConfigurationException) failure).problems();
                    assertThat(problems)
                            .anyMatch(p -> p.startsWith("DATABASE_URL is not set"))
                            .anyMatch(p -> p.startsWith("REDIS_URL is not set"))
                            .anyMatch(p -> p.startsWith("JWT_SECRET is too short"));
                });
    }

    @Test
    void failureReportListsTheProblemsAndTheFix() {
        var exception = new InvalidConfigurationException(java.util.List.of("A is not set", "B is weak"));

        FailureAnalysis analysis = new InvalidConfigurationFailureAnalyzer().analyze(exception);

        assertThat(analysis.getDescription()).isEqualTo("Invalid configuration:\n  - A is not set\n  - B is weak");
        assertThat(analysis.getAction()).contains(".env.example");
    }
}
