package com.fairtradeworker.timers;

import java.time.Instant;
import java.util.UUID;

/**
 * Reacts to timers of one kind. {@link #onDue} runs inside the transaction that marks the timer fired: if it throws,
 * nothing it did is kept and the timer is retried a minute later.
 */
public interface TimerHandler {

    /** The kind this handler fires, such as {@code JOB_BIDDING_CLOSES}: upper case, digits and underscores. */
    String kind();

    void onDue(UUID subjectId, Instant dueAt);
}
