package com.fairtradeworker.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fairtradeworker.platform.AttemptLimiter;
import com.fairtradeworker.shared.ProblemType;
import com.fairtradeworker.shared.RateLimitedException;
import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.ApiClient.Response;
import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The security guide's brute-force rule: at most 10 attempts per 15 minutes per account and per client IP. */
@IntegrationTest
class AttemptLimiterTest {

    @Autowired
    AttemptLimiter limiter;

    @Autowired
    MutableClock clock;

    @Autowired
    ApiClient api;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    RateLimitProperties properties;

    @BeforeEach
    void pinTheClock() {
        clock.pinAt(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    @AfterEach
    void releaseTheClock() {
        clock.reset();
    }

    @Test
    void tenAttemptsForOneAccountPassAndTheEleventhIsRefusedUntilTheWindowEnds() {
        String account = newAccount();
        String ip = newIp();

        attemptTenTimes(() -> limiter.checkAndConsume(AttemptLimiter.LOGIN, account, ip));

        assertThatThrownBy(() -> limiter.checkAndConsume(AttemptLimiter.LOGIN, account, ip))
                .isInstanceOfSatisfying(RateLimitedException.class, refused -> {
                    assertThat(refused.type()).isEqualTo(ProblemType.RATE_LIMITED);
                    assertThat(refused.retryAfterSeconds()).isEqualTo(15 * 60);
                });
    }

    @Test
    void theSameAccountFromRotatingIpsIsRefusedOnTheEleventhAttempt() {
        String account = newAccount();

        attemptTenTimes(() -> limiter.checkAndConsume(AttemptLimiter.LOGIN, account, newIp()));

        assertThatThrownBy(() -> limiter.checkAndConsume(AttemptLimiter.LOGIN, account, newIp()))
                .isInstanceOf(RateLimitedException.class);
    }

    @Test
    void oneIpIsRefusedOnTheEleventhAttemptEvenWhenTheAccountVaries() {
        String ip = newIp();

        attemptTenTimes(() -> limiter.checkAndConsume(AttemptLimiter.LOGIN, newAccount(), ip));

        assertThatThrownBy(() -> limiter.checkAndConsume(AttemptLimiter.LOGIN, newAccount(), ip))
                .isInstanceOf(RateLimitedException.class);
    }

    @Test
    void fifteenMinutesAfterTheFirstAttemptTheAllowanceIsBackInFull() {
        String account = newAccount();
        String ip = newIp();
        attemptTenTimes(() -> limiter.checkAndConsume(AttemptLimiter.PASSWORD_RESET, account, ip));

        clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        assertThatThrownBy(() -> limiter.checkAndConsume(AttemptLimiter.PASSWORD_RESET, account, ip))
                .isInstanceOfSatisfying(
                        RateLimitedException.class,
                        refused -> assertThat(refused.retryAfterSeconds()).isEqualTo(1));

        clock.advance(Duration.ofSeconds(1));
        attemptTenTimes(() -> limiter.checkAndConsume(AttemptLimiter.PASSWORD_RESET, account, ip));
        assertThatThrownBy(() -> limiter.checkAndConsume(AttemptLimiter.PASSWORD_RESET, account, ip))
                .isInstanceOf(RateLimitedException.class);
    }

    @Test
    void anAccountCountsTheSameWhateverTheCaseAndSurroundingSpaces() {
        String account = newAccount();
        attemptTenTimes(() -> limiter.checkAndConsume(AttemptLimiter.LOGIN, account, newIp()));

        assertThatThrownBy(() -> limiter.checkAndConsume(
                        AttemptLimiter.LOGIN, "  " + account.toUpperCase(Locale.ROOT) + " ", newIp()))
                .isInstanceOf(RateLimitedException.class);
    }

    @Test
    void eachActionHasItsOwnCounts() {
        String account = newAccount();
        String ip = newIp();
        attemptTenTimes(() -> limiter.checkAndConsume(AttemptLimiter.LOGIN, account, ip));

        assertThatCode(() -> limiter.checkAndConsume(AttemptLimiter.VERIFICATION_RESEND, account, ip))
                .doesNotThrowAnyException();
    }

    @Test
    void addressesInOneIpv6Slash64ShareOneCount() {
        String network =
                "2001:db8:" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000)) + ":1:";
        for (int i = 1; i <= RedisAttemptLimiter.MAX_ATTEMPTS; i++) {
            limiter.checkAndConsume(AttemptLimiter.LOGIN, newAccount(), network + ":" + Integer.toHexString(i));
        }

        assertThatThrownBy(() -> limiter.checkAndConsume(AttemptLimiter.LOGIN, newAccount(), network + ":ffff"))
                .isInstanceOf(RateLimitedException.class);
    }

    @Test
    void redisKeysHoldAHashOfTheAccountAndNeverTheEmailAddress() {
        String account = "Key.Probe+" + UUID.randomUUID() + "@Example.com";
        limiter.checkAndConsume(AttemptLimiter.LOGIN, account, newIp());

        Set<String> keys = redis.keys(properties.keyPrefix() + "*");

        assertThat(keys).isNotEmpty();
        assertThat(keys).noneMatch(key -> key.contains("@"));
        assertThat(keys).noneMatch(key -> key.toLowerCase(Locale.ROOT).contains("key.probe"));
        String hashed = KeyDigest.sha256(account.toLowerCase(Locale.ROOT));
        assertThat(keys).contains(properties.keyPrefix() + "attempt:login:account:" + hashed);
    }

    @Test
    void overHttpTheEleventhAttemptIsAnsweredWith429AndRetryAfter() {
        String account = newAccount();
        for (int i = 1; i <= RedisAttemptLimiter.MAX_ATTEMPTS; i++) {
            assertThat(attemptOverHttp(account).status()).as("attempt %d", i).isEqualTo(204);
        }

        Response refused = attemptOverHttp(account);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("900");
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asString())
                .isEqualTo(ProblemType.RATE_LIMITED.type().toString());
        assertThat(refused.json().get("status").asInt()).isEqualTo(429);
        assertThat(refused.body()).doesNotContain(account);
    }

    private Response attemptOverHttp(String account) {
        // ApiClient gives every request its own client IP, so only the per-account count can refuse.
        return api.post(RateLimitProbeRoutes.ATTEMPTS)
                .json("{\"account\":\"" + account + "\"}")
                .send();
    }

    private static void attemptTenTimes(Runnable attempt) {
        for (int i = 1; i <= RedisAttemptLimiter.MAX_ATTEMPTS; i++) {
            int number = i;
            assertThatCode(attempt::run).as("attempt %d", number).doesNotThrowAnyException();
        }
    }

    private static String newAccount() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    private static String newIp() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }
}
