package com.fairtradeworker.notifications;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * When to try a failed mail again: the first retry after {@code firstDelay}, each later one after twice the previous
 * delay, never more than {@code maxDelay}; then jittered by ±20 % so mails that failed together (a relay outage) do
 * not all come back in the same second.
 */
final class RetrySchedule {

    static final double JITTER = 0.2;

    private final Duration firstDelay;
    private final Duration maxDelay;
    private final DoubleSupplier unitRandom;

    /** @param unitRandom uniform in [0, 1) */
    RetrySchedule(Duration firstDelay, Duration maxDelay, DoubleSupplier unitRandom) {
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
        this.unitRandom = unitRandom;
    }

    /** The wait after the given number of failed attempts (1 after the first failure). */
    Duration delayAfter(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failedAttempts must be at least 1");
        }
        double factor = 1 - JITTER + 2 * JITTER * unitRandom.getAsDouble();
        return Duration.ofMillis(Math.round(baseDelay(failedAttempts).toMillis() * factor));
    }

    Duration baseDelay(int failedAttempts) {
        int doublings = failedAttempts - 1;
        // Past 2^40 the product overflows, and any realistic cap was reached long before.
        if (doublings >= 40) {
            return maxDelay;
        }
        Duration delay = firstDelay.multipliedBy(1L << doublings);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
