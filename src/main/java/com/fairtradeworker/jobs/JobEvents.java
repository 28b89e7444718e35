package com.fairtradeworker.jobs;

import java.util.UUID;

/** Past-tense facts about jobs, published in the transaction that made them true. */
public final class JobEvents {

    private JobEvents() {}

    public record JobPublished(UUID job, UUID homeowner) {}

    public record JobEdited(UUID job) {}

    /** The homeowner cancelled an open job (its bids are rejected in the same transaction). */
    public record JobCancelled(UUID job, JobStatus from) {}

    /** Nobody was accepted within the acceptance window after the bidding deadline. */
    public record JobExpired(UUID job) {}

    public record JobAwarded(UUID job) {}

    public record JobStarted(UUID job) {}

    public record JobCompleted(UUID job) {}
}
