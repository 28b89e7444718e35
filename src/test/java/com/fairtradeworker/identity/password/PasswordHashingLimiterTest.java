package com.fairtradeworker.identity.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

class PasswordHashingLimiterTest {

    private static final String PASSWORD = "tidal-lantern-87-okra";

    @Test
    void whenEveryPermitIsTakenAHashWaitsThenIsRefusedWith503() throws Exception {
        PasswordHashingLimiter limiter = limiter(1, Duration.ofMillis(150));
        PasswordHasher hasher = new PasswordHasher(Argon2Settings.DEFAULTS, limiter);
        String stored = hasher.hash(PASSWORD);

        limiter.permits().acquire();
        long start = System.nanoTime();
        try {
            assertThatThrownBy(() -> hasher.matches(PASSWORD, stored))
                    .isInstanceOf(PasswordHashingBusyException.class)
                    .extracting(e -> ((ProblemException) e).type())
                    .isEqualTo(ProblemType.SERVICE_UNAVAILABLE);
            assertThatThrownBy(() -> hasher.hash(PASSWORD)).isInstanceOf(PasswordHashingBusyException.class);
            assertThatThrownBy(() -> hasher.burnEqualWork(PASSWORD)).isInstanceOf(PasswordHashingBusyException.class);
        } finally {
            limiter.permits().release();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(3 * 150));

        assertThat(hasher.matches(PASSWORD, stored))
                .as("a freed permit is usable again")
                .isTrue();
        assertThat(limiter.permits().availablePermits()).isEqualTo(1);
    }

    @Test
    void aHashWaitsForAPermitThatFreesUpWithinTheWait() throws Exception {
        PasswordHashingLimiter limiter = limiter(1, Duration.ofSeconds(5));
        PasswordHasher hasher = new PasswordHasher(Argon2Settings.DEFAULTS, limiter);
        limiter.permits().acquire();
        Thread releaser = new Thread(() -> {
            sleep(100);
            limiter.permits().release();
        });
        releaser.start();

        assertThat(hasher.hash(PASSWORD)).startsWith("$argon2id$");
        releaser.join();
    }

    @Test
    void noMoreRunsAtOnceThanPermits() throws Exception {
        PasswordHashingLimiter limiter = limiter(2, Duration.ofSeconds(30));
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return limiter.run(() -> {
                        mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                        sleep(50);
                        return running.decrementAndGet();
                    });
                }));
            }
            start.countDown();
            for (Future<?> run : runs) {
                run.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(mostAtOnce.get()).isEqualTo(2);
        assertThat(limiter.permits().availablePermits()).isEqualTo(2);
    }

    @Test
    void aFailingRunGivesItsPermitBack() {
        PasswordHashingLimiter limiter = limiter(1, Duration.ZERO);

        assertThatThrownBy(() -> limiter.run(() -> {
                    throw new IllegalArgumentException("boom");
                }))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(limiter.permits().availablePermits()).isEqualTo(1);
    }

    @Test
    void refusesToHashInsideADatabaseTransaction() {
        PasswordHasher hasher = new PasswordHasher(Argon2Settings.DEFAULTS, limiter(1, Duration.ZERO));

        TransactionSynchronizationManager.setActualTransactionActive(true);
        try {
            assertThatThrownBy(() -> hasher.hash(PASSWORD))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("transaction");
            assertThatThrownBy(() -> hasher.burnEqualWork(PASSWORD)).isInstanceOf(IllegalStateException.class);
        } finally {
            TransactionSynchronizationManager.setActualTransactionActive(false);
        }
        assertThatCode(() -> hasher.hash(PASSWORD)).doesNotThrowAnyException();
    }

    @Test
    void refusesToHashWhileAConnectionIsBoundToTheThread() {
        PasswordHasher hasher = new PasswordHasher(Argon2Settings.DEFAULTS, limiter(1, Duration.ZERO));
        Object dataSource = new Object();
        Connection connection = (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> null);

        TransactionSynchronizationManager.bindResource(dataSource, new ConnectionHolder(connection));
        try {
            assertThatThrownBy(() -> hasher.hash(PASSWORD)).isInstanceOf(IllegalStateException.class);
        } finally {
            TransactionSynchronizationManager.unbindResource(dataSource);
        }
    }

    @Test
    void defaultsToOnePermitPerProcessorAndTwoSecondsOfWaiting() {
        PasswordHashingSettings defaults = new PasswordHashingSettings(null, null);

        assertThat(defaults.maxConcurrentPasswordHashes())
                .isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(defaults.passwordHashWait()).isEqualTo(Duration.ofSeconds(2));
        assertThatThrownBy(() -> new PasswordHashingSettings(0, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PasswordHashingSettings(1, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static PasswordHashingLimiter limiter(int permits, Duration wait) {
        return new PasswordHashingLimiter(new PasswordHashingSettings(permits, wait));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
