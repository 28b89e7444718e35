package com.fairtradeworker.identity.password;

import java.util.concurrent.TimeUnit;

/**
 * Takes every permit of a {@link PasswordHashingLimiter}, as that many sign-ins in the middle of their Argon2 runs
 * would, until closed. For tests in any package.
 */
public final class HeldHashingPermits implements AutoCloseable {

    private final PasswordHashingLimiter limiter;
    private final int count;

    private HeldHashingPermits(PasswordHashingLimiter limiter, int count) {
        this.limiter = limiter;
        this.count = count;
    }

    public static HeldHashingPermits takeAll(PasswordHashingLimiter limiter) throws InterruptedException {
        int count = limiter.capacity();
        if (!limiter.permits().tryAcquire(count, 30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Hashing permits still in use after 30 s");
        }
        return new HeldHashingPermits(limiter, count);
    }

    @Override
    public void close() {
        limiter.permits().release(count);
    }
}
