package com.fairtradeworker.timers;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Schedules and steers timers. Each call joins the caller's transaction, so a timer appears, moves or disappears
 * together with the state change that asked for it. A subject has at most one live timer of each kind.
 */
@Service
public class DueTimers {

    private static final Pattern KIND = Pattern.compile("^[A-Z][A-Z0-9_]{0,63}$");

    private final JdbcClient jdbc;
    private final Clock clock;

    DueTimers(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Sets the timer of this kind for the subject to fire at {@code dueAt}, replacing a live one. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void schedule(String kind, UUID subjectId, Instant dueAt) {
        requireKind(kind);
        cancel(kind, subjectId);
        jdbc.sql("""
                INSERT INTO due_timers (kind, subject_id, due_at, status, created_at, updated_at)
                VALUES (:kind, :subject, :dueAt, 'SCHEDULED', :now, :now)
                """)
                .param("kind", kind)
                .param("subject", subjectId)
                .param("dueAt", Timestamp.from(dueAt))
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void cancel(String kind, UUID subjectId) {
        jdbc.sql("""
                UPDATE due_timers SET status = 'CANCELLED', updated_at = :now
                 WHERE kind = :kind AND subject_id = :subject AND status IN ('SCHEDULED', 'PAUSED')
                """)
                .param("kind", kind)
                .param("subject", subjectId)
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }

    /** Stops every running clock of the subject, keeping the time each had left (a dispute opened). */
    @Transactional(propagation = Propagation.MANDATORY)
    public int pauseAll(UUID subjectId) {
        Instant now = clock.instant();
        return jdbc.sql("""
                UPDATE due_timers
                   SET status = 'PAUSED',
                       remaining_ms = greatest(0, (extract(epoch FROM due_at - CAST(:now AS timestamptz)) * 1000)::bigint),
                       due_at = NULL,
                       updated_at = :now
                 WHERE subject_id = :subject AND status = 'SCHEDULED'
                """)
                .param("subject", subjectId)
                .param("now", Timestamp.from(now))
                .update();
    }

    /** Restarts the subject's paused clocks with exactly the time they had left (a dispute withdrawn). */
    @Transactional(propagation = Propagation.MANDATORY)
    public int resumeAll(UUID subjectId) {
        Instant now = clock.instant();
        return jdbc.sql("""
                UPDATE due_timers
                   SET status = 'SCHEDULED',
                       due_at = CAST(:now AS timestamptz) + remaining_ms * interval '1 millisecond',
                       remaining_ms = NULL,
                       updated_at = :now
                 WHERE subject_id = :subject AND status = 'PAUSED'
                """)
                .param("subject", subjectId)
                .param("now", Timestamp.from(now))
                .update();
    }

    public Optional<DueTimer> find(String kind, UUID subjectId) {
        return live(subjectId).stream()
                .filter(timer -> timer.kind().equals(kind))
                .findFirst();
    }

    /** The subject's live timers, for showing both parties every clock that runs. */
    public List<DueTimer> live(UUID subjectId) {
        return jdbc.sql("""
                SELECT kind, subject_id, due_at, remaining_ms FROM due_timers
                 WHERE subject_id = ? AND status IN ('SCHEDULED', 'PAUSED')
                 ORDER BY coalesce(due_at, 'infinity'), kind
                """)
                .param(subjectId)
                .query((row, number) -> new DueTimer(
                        row.getString("kind"),
                        row.getObject("subject_id", UUID.class),
                        row.getTimestamp("due_at") == null
                                ? null
                                : row.getTimestamp("due_at").toInstant(),
                        row.getObject("remaining_ms") == null ? null : Duration.ofMillis(row.getLong("remaining_ms"))))
                .list();
    }

    static void requireKind(String kind) {
        if (kind == null || !KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("Timer kinds are UPPER_SNAKE_CASE: " + kind);
        }
    }
}
