package com.fairtradeworker.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fairtradeworker.platform.AttemptLimiter;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import com.fairtradeworker.shared.RateLimitedException;
import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.ApiClient.Response;
import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.TcpProxy;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Redis unreachable: the brute-force limit refuses (503), never passes; the general API limit lets requests through.
 * The limits' Redis connection runs through a proxy that these tests cut or stall.
 */
@IntegrationTest
class RateLimitOutageTest {

    /** Well above the 1 s Redis timeout, well below a client's patience. */
    private static final Duration QUICKLY = Duration.ofSeconds(3);

    @Autowired
    AttemptLimiter limiter;

    @Autowired
    TcpProxy rateLimitRedisProxy;

    @Autowired
    ApiClient api;

    @BeforeEach
    void limiterIsConnected() {
        limiter.checkAndConsume(AttemptLimiter.LOGIN, newAccount(), newIp());
    }

    @AfterEach
    void redisIsReachableAgain() {
        rateLimitRedisProxy.cut(); // also ends stalled connections, whose protocol state is out of step
        rateLimitRedisProxy.restore();
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .untilAsserted(
                        () -> assertThatCode(() -> limiter.checkAndConsume(AttemptLimiter.LOGIN, newAccount(), newIp()))
                                .doesNotThrowAnyException());
    }

    @Test
    void aCutConnectionRefusesAttemptsWith503() {
        rateLimitRedisProxy.cut();

        long started = System.nanoTime();
        assertThatThrownBy(() -> limiter.checkAndConsume(AttemptLimiter.LOGIN, newAccount(), newIp()))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        refused -> assertThat(refused.type()).isEqualTo(ProblemType.SERVICE_UNAVAILABLE));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(QUICKLY);

        Response overHttp = api.post(RateLimitProbeRoutes.ATTEMPTS)
                .json("{\"account\":\"" + newAccount() + "\"}")
                .send();
        assertThat(overHttp.status()).isEqualTo(503);
        assertThat(overHttp.header("Retry-After")).isEqualTo("5");
        assertThat(overHttp.json().get("type").asString())
                .isEqualTo(ProblemType.SERVICE_UNAVAILABLE.type().toString());
    }

    @Test
    void aHangingRedisRefusesAttemptsWith503AfterTheTimeout() {
        rateLimitRedisProxy.stall();

        long started = System.nanoTime();
        assertThatThrownBy(() -> limiter.checkAndConsume(AttemptLimiter.LOGIN, newAccount(), newIp()))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        refused -> assertThat(refused.type()).isEqualTo(ProblemType.SERVICE_UNAVAILABLE));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(QUICKLY);
    }

    @Test
    void theGeneralApiLimitLetsRequestsThroughWithoutHeaders() {
        rateLimitRedisProxy.cut();

        Response response = api.post("/api/test-probe")
                .json("{\"name\":\"a\",\"amountMinor\":1}")
                .send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("RateLimit")).isNull();
        assertThat(response.header("RateLimit-Policy")).isNull();
    }

    @Test
    void afterTheOutageTheLimitCountsAgain() {
        rateLimitRedisProxy.cut();
        rateLimitRedisProxy.restore();

        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .untilAsserted(() -> limiter.checkAndConsume(AttemptLimiter.LOGIN, newAccount(), newIp()));

        String account = newAccount();
        for (int i = 1; i <= RedisAttemptLimiter.MAX_ATTEMPTS; i++) {
            limiter.checkAndConsume(AttemptLimiter.LOGIN, account, newIp());
        }
        assertThatThrownBy(() -> limiter.checkAndConsume(AttemptLimiter.LOGIN, account, newIp()))
                .isInstanceOf(RateLimitedException.class);
    }

    private static String newAccount() {
        return "outage-" + UUID.randomUUID() + "@example.com";
    }

    private static String newIp() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }
}
