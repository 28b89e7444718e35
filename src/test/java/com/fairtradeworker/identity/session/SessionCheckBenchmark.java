package com.fairtradeworker.identity.session;

import com.fairtradeworker.identity.Role;
import com.fairtradeworker.platform.redis.RedisUrl;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import javax.crypto.SecretKey;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * The per-request session check measured inside one JVM, against a real Redis server (issue 3): the same objects the
 * service wires ({@link SessionStore} on a Lettuce connection, the {@link JwtConfiguration#jwtDecoder} with every
 * validator, an access token from {@link AccessTokens}), called in a loop on one thread. Three figures, each over
 * CALLS calls after WARM_UP unmeasured ones:
 *
 * <ol>
 *   <li>{@code SessionStore.isActive}: the Redis {@code EXISTS} round trip through Spring Data Redis and Lettuce, the
 *       check behind every authenticated request;
 *   <li>{@code JwtDecoder.decode} without Redis: the same decoder over a session store whose {@code isActive} always
 *       answers true, so HS256 verification, claim parsing and the other validators only;
 *   <li>{@code JwtDecoder.decode}: the full check the service runs for each bearer token (2 + 1).
 * </ol>
 *
 * The signing key is random for each run and neither it nor the token is printed; the session is revoked at the end
 * (and decoding is then checked to fail). Not a test (surefire does not pick it up); run it on the test classpath,
 * with its own Redis database (benchmarks/login-benchmark.sh does):
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/benchmark-classpath.txt) \
 *   com.fairtradeworker.identity.session.SessionCheckBenchmark redis://127.0.0.1:6379/12 [calls=20000] [warmUp=5000]
 * </pre>
 */
public final class SessionCheckBenchmark {

    private SessionCheckBenchmark() {}

    public static void main(String[] args) {
        RedisUrl url = RedisUrl.parse(args.length > 0 ? args[0] : "redis://127.0.0.1:6379/12");
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;

        RedisStandaloneConfiguration target = new RedisStandaloneConfiguration(url.host(), url.port());
        target.setDatabase(url.database());
        target.setUsername(url.username());
        if (url.password() != null) {
            target.setPassword(url.password());
        }
        LettuceConnectionFactory factory = new LettuceConnectionFactory(target);
        factory.afterPropertiesSet();
        factory.start();
        try {
            run(new StringRedisTemplate(factory), url, calls, warmUp);
        } finally {
            factory.destroy();
        }
    }

    private static void run(StringRedisTemplate redis, RedisUrl url, int calls, int warmUp) {
        Clock clock = Clock.systemUTC();
        SessionSettings settings =
                new SessionSettings(Duration.ofMinutes(15), Duration.ofDays(30), Duration.ofMinutes(1), "ftw:");
        SessionStore sessions = new SessionStore(redis, settings, clock);
        SessionStore alwaysActive = new SessionStore(redis, settings, clock) {
            @Override
            public boolean isActive(String id) {
                return id != null;
            }
        };

        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        JwtConfiguration configuration = new JwtConfiguration();
        SecretKey key = configuration.jwtSigningKey(HexFormat.of().formatHex(secret));
        JwtDecoder decoder = configuration.jwtDecoder(key, sessions, clock);
        JwtDecoder decoderWithoutRedis = configuration.jwtDecoder(key, alwaysActive, clock);
        AccessTokens tokens = new AccessTokens(configuration.jwtEncoder(key), settings, clock);

        UUID userId = UUID.randomUUID();
        Session session = sessions.create(userId, Role.HOMEOWNER, "127.0.0.1", "SessionCheckBenchmark")
                .session();
        String token = tokens.issue(session).value();
        String sessionId = session.id();
        try {
            System.out.printf(
                    Locale.ROOT,
                    "session check, one thread, %d calls after %d warm-up each; Redis %s:%d/%d; %d CPUs, Java %s%n",
                    calls,
                    warmUp,
                    url.host(),
                    url.port(),
                    url.database(),
                    Runtime.getRuntime().availableProcessors(),
                    Runtime.version());
            measure("SessionStore.isActive (Redis EXISTS)", calls, warmUp, () -> sessions.isActive(sessionId));
            measure("JwtDecoder.decode, session check stubbed", calls, warmUp, () -> decoderWithoutRedis.decode(token));
            measure("JwtDecoder.decode (full, as per request)", calls, warmUp, () -> decoder.decode(token));
        } finally {
            sessions.revoke(userId, sessionId);
        }
        try {
            decoder.decode(token);
            throw new IllegalStateException("a token of a revoked session was accepted: the check is not measured");
        } catch (JwtValidationException expected) {
            System.out.println("check: after revoking the session the token is refused ("
                    + expected.getErrors().iterator().next().getDescription() + ")");
        }
    }

    private static void measure(String name, int calls, int warmUp, Supplier<?> call) {
        for (int i = 0; i < warmUp; i++) {
            require(call.get());
        }
        long[] nanos = new long[calls];
        long begin = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            Object result = call.get();
            nanos[i] = System.nanoTime() - start;
            require(result);
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(
                Locale.ROOT,
                "%-42s p50 %7.1f us  p90 %7.1f us  p99 %7.1f us  p99.9 %7.1f us  max %8.1f us  mean %7.1f us"
                        + "  %,8.0f calls/s%n",
                name,
                micros(percentile(sorted, 50)),
                micros(percentile(sorted, 90)),
                micros(percentile(sorted, 99)),
                micros(percentile(sorted, 99.9)),
                micros(sorted[sorted.length - 1]),
                Arrays.stream(nanos).average().orElse(0) / 1e3,
                calls / seconds);
    }

    private static void require(Object result) {
        if (result == null || Boolean.FALSE.equals(result)) {
            throw new IllegalStateException("the session check failed during the benchmark");
        }
    }

    /** Nearest-rank percentile of sorted values. */
    private static long percentile(long[] sorted, double percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    private static double micros(long nanos) {
        return nanos / 1_000.0;
    }
}
