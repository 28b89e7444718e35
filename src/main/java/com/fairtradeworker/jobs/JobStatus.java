package com.fairtradeworker.jobs;

import java.util.EnumSet;
import java.util.Set;

/** The job's life, exactly as in the domain guide; the CHECK on {@code jobs.status} lists the same values. */
public enum JobStatus {
    DRAFT,
    OPEN,
    AWARDED,
    IN_PROGRESS,
    COMPLETED,
    CANCELLED,
    EXPIRED;

    public boolean canTransitionTo(JobStatus next) {
        return successors().contains(next);
    }

    public boolean terminal() {
        return successors().isEmpty();
    }

    private Set<JobStatus> successors() {
        return switch (this) {
            case DRAFT -> EnumSet.of(OPEN, CANCELLED);
            case OPEN -> EnumSet.of(AWARDED, CANCELLED, EXPIRED);
            case AWARDED -> EnumSet.of(IN_PROGRESS, CANCELLED);
            case IN_PROGRESS -> EnumSet.of(COMPLETED, CANCELLED);
            case COMPLETED, CANCELLED, EXPIRED -> EnumSet.noneOf(JobStatus.class);
        };
    }
}
