package com.fairtradeworker.platform.ratelimit;

import java.util.concurrent.TimeUnit;

/** Waits as whole seconds, rounded up: a client that waits the advertised time must then succeed. */
final class RetryAfter {

    private RetryAfter() {}

    static long seconds(long nanos) {
        long seconds = TimeUnit.NANOSECONDS.toSeconds(nanos);
        return Math.max(1, nanos > TimeUnit.SECONDS.toNanos(seconds) ? seconds + 1 : seconds);
    }
}
