package com.fairtradeworker.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private static final Duration FIRST = Duration.ofSeconds(30);
    private static final Duration MAX = Duration.ofHours(1);

    @Test
    void theDelayStartsAtThirtySecondsAndDoublesUntilTheHourCap() {
        RetrySchedule schedule = new RetrySchedule(FIRST, MAX, () -> 0.5);

        assertThat(schedule.delayAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(schedule.delayAfter(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(schedule.delayAfter(3)).isEqualTo(Duration.ofMinutes(2));
        assertThat(schedule.delayAfter(7)).isEqualTo(Duration.ofMinutes(32));
        assertThat(schedule.delayAfter(8)).isEqualTo(MAX); // 64 minutes, capped
        assertThat(schedule.delayAfter(9)).isEqualTo(MAX);
    }

    @Test
    void jitterSpreadsEachDelayByTwentyPercentEitherWay() {
        RetrySchedule lowest = new RetrySchedule(FIRST, MAX, () -> 0.0);
        RetrySchedule highest = new RetrySchedule(FIRST, MAX, () -> 0.999_999);

        assertThat(lowest.delayAfter(1)).isEqualTo(Duration.ofSeconds(24));
        assertThat(highest.delayAfter(1)).isBetween(Duration.ofMillis(35_999), Duration.ofSeconds(36));
        assertThat(lowest.delayAfter(20)).isEqualTo(Duration.ofMinutes(48));
        assertThat(highest.delayAfter(20)).isBetween(Duration.ofMillis(4_319_990), Duration.ofMinutes(72));
    }

    @Test
    void realJitterStaysWithinItsBounds() {
        RetrySchedule schedule = new RetrySchedule(
                FIRST,
                MAX,
                () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());

        for (int i = 0; i < 1_000; i++) {
            assertThat(schedule.delayAfter(2)).isBetween(Duration.ofSeconds(48), Duration.ofSeconds(72));
        }
    }

    @Test
    void manyAttemptsNeitherOverflowNorExceedTheCap() {
        RetrySchedule schedule = new RetrySchedule(FIRST, MAX, () -> 0.5);

        assertThat(schedule.delayAfter(40)).isEqualTo(MAX);
        assertThat(schedule.delayAfter(64)).isEqualTo(MAX);
        assertThat(schedule.delayAfter(Integer.MAX_VALUE)).isEqualTo(MAX);
    }

    @Test
    void thereIsNoDelayBeforeAFailure() {
        RetrySchedule schedule = new RetrySchedule(FIRST, MAX, () -> 0.5);

        assertThatThrownBy(() -> schedule.delayAfter(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
