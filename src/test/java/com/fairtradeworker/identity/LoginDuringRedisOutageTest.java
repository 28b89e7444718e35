package com.fairtradeworker.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import com.fairtradeworker.platform.AttemptLimiter;
import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.ApiClient.Response;
import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.TcpProxy;
import com.fairtradeworker.support.TestAccounts;
import com.fairtradeworker.support.TestAccounts.SignedIn;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** With the limiter's Redis unreachable, a login attempt (even with the right password) is refused with 503. */
@IntegrationTest
class LoginDuringRedisOutageTest {

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Autowired
    TcpProxy rateLimitRedisProxy;

    @Autowired
    AttemptLimiter limiter;

    @AfterEach
    void redisIsReachableAgain() {
        rateLimitRedisProxy.restore();
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .untilAsserted(() -> assertThatCode(() -> limiter.checkAndConsume(
                                "outage-probe", UUID.randomUUID().toString(), "192.0.2.1"))
                        .doesNotThrowAnyException());
    }

    @Test
    void aCorrectPasswordDoesNotSignInWhileTheLimitCannotBeChecked() {
        SignedIn user = accounts.verifiedUser("HOMEOWNER");

        rateLimitRedisProxy.cut();
        Response login = api.post("/api/auth/login")
                .json("{\"email\":\"%s\",\"password\":\"%s\"}".formatted(user.email(), TestAccounts.PASSWORD))
                .send();

        assertThat(login.status()).isEqualTo(503);
        assertThat(login.header("Retry-After")).isNotBlank();
        assertThat(login.body()).doesNotContain("accessToken");
    }
}
