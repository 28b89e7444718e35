package com.fairtradeworker.timers;

import static com.fairtradeworker.timers.TimerTestHandlers.COUNTED;
import static com.fairtradeworker.timers.TimerTestHandlers.FLAKY;
import static com.fairtradeworker.timers.TimerTestHandlers.firings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class DueTimersTest {

    @Autowired
    DueTimers timers;

    @Autowired
    TimerPoller poller;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    MutableClock clock;

    Instant start;

    @BeforeEach
    void pinClock() {
        start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        clock.pinAt(start);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void firesOnceAtItsTimeAndNotBefore() {
        UUID subject = UUID.randomUUID();
        schedule(COUNTED, subject, start.plus(Duration.ofHours(2)));

        clock.advance(Duration.ofHours(2).minusSeconds(1));
        poller.fireDue();
        assertThat(firings(subject)).isZero();

        clock.advance(Duration.ofSeconds(1));
        poller.fireDue();
        poller.fireDue();
        assertThat(firings(subject)).isEqualTo(1);
        assertThat(TimerTestHandlers.DUE_AT_SEEN.get(subject)).isEqualTo(start.plus(Duration.ofHours(2)));
        assertThat(timers.find(COUNTED, subject)).isEmpty();
    }

    @Test
    void twoPollersRacingFireEachTimerOnce() throws Exception {
        List<UUID> subjects = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            UUID subject = UUID.randomUUID();
            subjects.add(subject);
            schedule(COUNTED, subject, start.plusSeconds(1));
        }
        clock.advance(Duration.ofSeconds(2));

        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> {
                    go.await();
                    return poller.fireDue();
                }));
            }
            go.countDown();
            int total = 0;
            for (Future<Integer> run : runs) {
                total += run.get();
            }
            assertThat(total).isGreaterThanOrEqualTo(40);
        } finally {
            pool.shutdownNow();
        }
        assertThat(subjects).allSatisfy(subject -> assertThat(firings(subject)).isEqualTo(1));
    }

    @Test
    void rescheduleReplacesTheLiveTimerAndCancelStopsIt() {
        UUID subject = UUID.randomUUID();
        schedule(COUNTED, subject, start.plusSeconds(10));
        schedule(COUNTED, subject, start.plusSeconds(20));

        assertThat(timers.live(subject)).hasSize(1);
        assertThat(timers.find(COUNTED, subject).orElseThrow().dueAt()).isEqualTo(start.plusSeconds(20));

        transactions.executeWithoutResult(status -> timers.cancel(COUNTED, subject));
        clock.advance(Duration.ofMinutes(1));
        poller.fireDue();
        assertThat(firings(subject)).isZero();
    }

    @Test
    void pausedClocksKeepTheirRemainingTimeAndResumeWithIt() {
        UUID subject = UUID.randomUUID();
        schedule(COUNTED, subject, start.plus(Duration.ofDays(14)));

        clock.advance(Duration.ofDays(4));
        transactions.executeWithoutResult(status -> timers.pauseAll(subject));
        assertThat(timers.find(COUNTED, subject).orElseThrow().remainingWhilePaused())
                .isEqualTo(Duration.ofDays(10));

        clock.advance(Duration.ofDays(30)); // a long dispute: the paused clock does not run
        poller.fireDue();
        assertThat(firings(subject)).isZero();

        transactions.executeWithoutResult(status -> timers.resumeAll(subject));
        Instant resumedAt = clock.instant();
        assertThat(timers.find(COUNTED, subject).orElseThrow().dueAt()).isEqualTo(resumedAt.plus(Duration.ofDays(10)));

        clock.advance(Duration.ofDays(10));
        poller.fireDue();
        assertThat(firings(subject)).isEqualTo(1);
    }

    @Test
    void aFailingHandlerKeepsNothingAndIsRetriedAMinuteLater() {
        UUID subject = UUID.randomUUID();
        TimerTestHandlers.FAIL_ONCE.add(subject);
        schedule(FLAKY, subject, start.plusSeconds(1));

        clock.advance(Duration.ofSeconds(1));
        poller.fireDue();
        assertThat(firings(subject)).isZero();
        assertThat(timers.find(FLAKY, subject).orElseThrow().dueAt())
                .isEqualTo(clock.instant().plusSeconds(60));

        clock.advance(Duration.ofSeconds(60));
        poller.fireDue();
        assertThat(firings(subject)).isEqualTo(1);
    }

    @Test
    void schedulingOutsideATransactionIsAProgrammingError() {
        assertThatThrownBy(() -> timers.schedule(COUNTED, UUID.randomUUID(), start))
                .isInstanceOf(IllegalTransactionStateException.class);
        assertThatThrownBy(() -> transactions.executeWithoutResult(
                        status -> timers.schedule("not-upper", UUID.randomUUID(), start)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void schedule(String kind, UUID subject, Instant dueAt) {
        transactions.executeWithoutResult(status -> timers.schedule(kind, subject, dueAt));
    }
}
