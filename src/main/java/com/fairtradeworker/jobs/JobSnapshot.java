package com.fairtradeworker.jobs;

import java.time.Instant;
import java.util.UUID;

/** What other modules need to know about a job. */
public record JobSnapshot(
        UUID id,
        UUID homeownerId,
        String title,
        String trade,
        String currency,
        JobStatus status,
        Instant biddingDeadline) {

    public boolean biddingOpenAt(Instant now) {
        return status == JobStatus.OPEN && biddingDeadline != null && now.isBefore(biddingDeadline);
    }
}
