package com.fairtradeworker.platform.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;

/**
 * A general request quota: {@code capacity} requests per {@code period}, refilled gradually, and its description in the
 * IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers, structured-field form).
 */
record ApiQuota(String name, long capacity, Duration period) {

    ApiQuota {
        if (!name.matches("^[a-z][a-z0-9-]*$")) {
            throw new IllegalArgumentException("Quota names are lower-case words: " + name);
        }
    }

    BucketConfiguration bucket() {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period))
                .build();
    }

    /** For example {@code "api";q=300;w=60}: the quota and its window in seconds. */
    String policyHeader() {
        return "\"" + name + "\";q=" + capacity + ";w=" + period.toSeconds();
    }

    /** For example {@code "api";r=42;t=17}: requests remaining, and seconds until the quota is full again. */
    String stateHeader(long remaining, long secondsUntilFull) {
        return "\"" + name + "\";r=" + remaining + ";t=" + secondsUntilFull;
    }
}
