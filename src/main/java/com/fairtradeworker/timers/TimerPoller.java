package com.fairtradeworker.timers;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fires due timers, one per transaction: claim the earliest due row with {@code FOR UPDATE SKIP LOCKED}, run its
 * handler, mark it fired, commit. Another instance polling at the same moment skips the locked row, and once committed
 * the row is no longer SCHEDULED, so a timer fires once. A failing handler rolls back and the timer waits a minute.
 */
@Component
public class TimerPoller {

    private static final Logger log = LoggerFactory.getLogger(TimerPoller.class);
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(1);
    private static final int MAX_PER_RUN = 500;

    private record Claimed(UUID id, String kind, UUID subjectId, Instant dueAt) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Map<String, TimerHandler> handlers;
    private final Clock clock;

    TimerPoller(JdbcClient jdbc, TransactionTemplate transactions, List<TimerHandler> handlers, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.handlers = handlers.stream().collect(Collectors.toMap(TimerHandler::kind, Function.identity()));
        this.handlers.keySet().forEach(DueTimers::requireKind);
        this.clock = clock;
    }

    /** Fires every timer due now (at most 500 per call); returns how many fired. Tests call it directly. */
    public int fireDue() {
        int fired = 0;
        while (fired < MAX_PER_RUN) {
            Optional<Claimed> firedTimer;
            try {
                firedTimer = transactions.execute(status -> fireOne());
            } catch (HandlerFailed failure) {
                postpone(failure.timer); // after the rollback has released the row
                continue;
            }
            if (firedTimer == null || firedTimer.isEmpty()) {
                return fired;
            }
            fired++;
        }
        return fired;
    }

    private Optional<Claimed> fireOne() {
        Instant now = clock.instant();
        Optional<Claimed> claimed = jdbc.sql("""
                SELECT id, kind, subject_id, due_at FROM due_timers
                 WHERE status = 'SCHEDULED' AND due_at <= :now
                 ORDER BY due_at
                 LIMIT 1
                 FOR UPDATE SKIP LOCKED
                """)
                .param("now", Timestamp.from(now))
                .query((row, number) -> new Claimed(
                        row.getObject("id", UUID.class),
                        row.getString("kind"),
                        row.getObject("subject_id", UUID.class),
                        row.getTimestamp("due_at").toInstant()))
                .optional();
        claimed.ifPresent(timer -> fire(timer, now));
        return claimed;
    }

    private void fire(Claimed timer, Instant now) {
        TimerHandler handler = handlers.get(timer.kind());
        if (handler == null) {
            log.error("No handler for timer kind {} (timer {}); cancelling it", timer.kind(), timer.id());
            jdbc.sql("UPDATE due_timers SET status = 'CANCELLED', updated_at = ? WHERE id = ?")
                    .params(Timestamp.from(now), timer.id())
                    .update();
            return;
        }
        try {
            handler.onDue(timer.subjectId(), timer.dueAt());
        } catch (RuntimeException e) {
            log.error(
                    "Timer {} ({} for {}) failed; retrying in {}",
                    timer.id(),
                    timer.kind(),
                    timer.subjectId(),
                    RETRY_AFTER_FAILURE,
                    e);
            throw new HandlerFailed(timer, e);
        }
        jdbc.sql("UPDATE due_timers SET status = 'FIRED', fired_at = :now, updated_at = :now WHERE id = :id")
                .param("now", Timestamp.from(now))
                .param("id", timer.id())
                .update();
    }

    private void postpone(Claimed timer) {
        Instant now = clock.instant();
        transactions.executeWithoutResult(status -> jdbc.sql(
                        "UPDATE due_timers SET due_at = ?, updated_at = ? WHERE id = ? AND status = 'SCHEDULED'")
                .params(Timestamp.from(now.plus(RETRY_AFTER_FAILURE)), Timestamp.from(now), timer.id())
                .update());
    }

    /** Carries the failed timer out of its rolled-back transaction. */
    private static final class HandlerFailed extends RuntimeException {
        private final transient Claimed timer;

        HandlerFailed(Claimed timer, RuntimeException cause) {
            super(cause);
            this.timer = timer;
        }
    }
}
