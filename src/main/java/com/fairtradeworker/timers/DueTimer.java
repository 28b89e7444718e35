package com.fairtradeworker.timers;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** A live timer as both parties see it: when it will fire, or how much time is left while it is paused. */
public record DueTimer(String kind, UUID subjectId, Instant dueAt, Duration remainingWhilePaused) {

    public boolean paused() {
        return dueAt == null;
    }
}
