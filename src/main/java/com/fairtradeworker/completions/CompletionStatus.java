package com.fairtradeworker.completions;

/** A submission's life; the CHECK on {@code job_completions.status} lists the same values. */
enum CompletionStatus {
    SUBMITTED,
    APPROVED,
    AUTO_APPROVED,
    CHANGES_REQUESTED;

    boolean canTransitionTo(CompletionStatus next) {
        return this == SUBMITTED && next != SUBMITTED;
    }
}
