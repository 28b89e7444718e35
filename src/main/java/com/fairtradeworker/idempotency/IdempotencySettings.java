package com.fairtradeworker.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long keys live and when an unfinished request counts as crashed ({@code app.idempotency.*}).
 *
 * @param retention how long a key is remembered after its first use; after that the same key runs the action again
 * @param inProgressTimeout how long an unfinished first attempt blocks retries (409); after it the attempt is taken to
 *     have crashed and a retry takes its key over. Must outlast the slowest money-moving request.
 * @param scheduled false in tests, which purge with {@link IdempotentRequests#purgeExpired()} themselves
 * @param purgeInterval how often expired keys are deleted
 */
@ConfigurationProperties("app.idempotency")
record IdempotencySettings(
        @DefaultValue("24h") Duration retention,
        @DefaultValue("2m") Duration inProgressTimeout,
        @DefaultValue("true") boolean scheduled,
        @DefaultValue("1h") Duration purgeInterval) {

    IdempotencySettings {
        if (!positive(retention) || !positive(inProgressTimeout) || !positive(purgeInterval)) {
            throw new IllegalArgumentException("app.idempotency durations must be positive");
        }
        if (retention.compareTo(inProgressTimeout) <= 0) {
            throw new IllegalArgumentException(
                    "app.idempotency.retention must be longer than app.idempotency.in-progress-timeout");
        }
    }

    private static boolean positive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }
}
