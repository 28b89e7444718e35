package com.fairtradeworker.platform.ratelimit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the rate limits. The brute-force limit (10 per 15 minutes) is the security guide's rule and deliberately
 * not a setting; the general API limit is.
 *
 * @param keyPrefix put before every Redis key, so separate deployments or test runs sharing a server never share counts
 * @param redisTimeout how long one Redis command may take before the limit counts as unreachable; short, so an outage
 *     answers 503 quickly instead of holding requests
 * @param api the general limit on every {@code /api/**} route
 */
@ConfigurationProperties("app.rate-limit")
record RateLimitProperties(
        @DefaultValue("ftw:rl:") String keyPrefix,
        @DefaultValue("1s") Duration redisTimeout,
        @DefaultValue Api api) {

    RateLimitProperties {
        if (keyPrefix == null || keyPrefix.isBlank()) {
            throw new IllegalArgumentException("app.rate-limit.key-prefix must not be blank");
        }
        if (redisTimeout.isNegative() || redisTimeout.isZero()) {
            throw new IllegalArgumentException("app.rate-limit.redis-timeout must be positive");
        }
    }

    /**
     * @param capacity requests allowed per period for one user (or one client IP when anonymous)
     * @param period the time in which a used-up quota refills completely (gradually)
     */
    record Api(
            @DefaultValue("300") long capacity,
            @DefaultValue("1m") Duration period) {

        Api {
            if (capacity < 1) {
                throw new IllegalArgumentException("app.rate-limit.api.capacity must be at least 1");
            }
            if (period.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("app.rate-limit.api.period must be at least 1s");
            }
        }
    }
}
