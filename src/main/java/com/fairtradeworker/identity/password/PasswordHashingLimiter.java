package com.fairtradeworker.identity.password;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The gate every Argon2id run of {@link PasswordHasher} passes: at most
 * {@link PasswordHashingSettings#maxConcurrentPasswordHashes()} runs at once (a fair semaphore, so waiting requests go
 * first come, first served), and a request that does not get its turn within
 * {@link PasswordHashingSettings#passwordHashWait()} is refused with 503 and {@code Retry-After}
 * ({@link PasswordHashingBusyException}) instead of queueing until the client gives up.
 *
 * <p>A run is also refused, as a programming error, when the calling thread is inside a database transaction or holds a
 * pooled connection: Argon2 costs about 30 ms of CPU, and a connection held for it is one the other requests cannot
 * have. Callers read what they need, hash, then open a short transaction for the writes.
 */
@Component
public class PasswordHashingLimiter {

    private static final Logger log = LoggerFactory.getLogger(PasswordHashingLimiter.class);

    private final Semaphore permits;
    private final int capacity;
    private final Duration wait;

    public PasswordHashingLimiter(PasswordHashingSettings settings) {
        this.capacity = settings.maxConcurrentPasswordHashes();
        this.wait = settings.passwordHashWait();
        this.permits = new Semaphore(capacity, true);
    }

    /**
     * Runs one Argon2 computation under a permit.
     *
     * @throws PasswordHashingBusyException (503) when no permit frees up in time
     * @throws IllegalStateException when called inside a database transaction
     */
    <T> T run(Supplier<T> hashing) {
        requireNoDatabaseConnection();
        boolean acquired;
        try {
            acquired = permits.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PasswordHashingBusyException();
        }
        if (!acquired) {
            log.warn("Password hashing at capacity ({} at once) for {}: request refused with 503", capacity, wait);
            throw new PasswordHashingBusyException();
        }
        try {
            return hashing.get();
        } finally {
            permits.release();
        }
    }

    /** Fails when this thread is in a database transaction or has a connection bound to it. */
    static void requireNoDatabaseConnection() {
        if (TransactionSynchronizationManager.isActualTransactionActive()
                || TransactionSynchronizationManager.getResourceMap().values().stream()
                        .anyMatch(ConnectionHolder.class::isInstance)) {
            throw new IllegalStateException("Password hashing inside a database transaction would hold a pooled"
                    + " connection for the whole Argon2 run: hash before the transaction begins");
        }
    }

    int capacity() {
        return capacity;
    }

    Duration waitLimit() {
        return wait;
    }

    /** For tests that need every permit taken. */
    Semaphore permits() {
        return permits;
    }
}
