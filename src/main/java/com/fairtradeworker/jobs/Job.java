package com.fairtradeworker.jobs;

import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/** A job as stored in {@code jobs}, with its transitions: each checks the current state and refuses anything else. */
record Job(
        UUID id,
        UUID homeownerId,
        String title,
        String description,
        String trade,
        double latitude,
        double longitude,
        String addressText,
        String postcode,
        Long budgetMinMinor,
        Long budgetMaxMinor,
        String currency,
        Instant biddingDeadline,
        LocalDate desiredStartDate,
        JobStatus status,
        Instant publishedAt,
        Instant awardedAt,
        Instant closedAt,
        Instant createdAt) {

    Job publish(Instant now, Instant deadline) {
        requireTransition(JobStatus.OPEN);
        return new Job(
                id,
                homeownerId,
                title,
                description,
                trade,
                latitude,
                longitude,
                addressText,
                postcode,
                budgetMinMinor,
                budgetMaxMinor,
                currency,
                deadline,
                desiredStartDate,
                JobStatus.OPEN,
                now,
                awardedAt,
                closedAt,
                createdAt);
    }

    Job moveTo(JobStatus next, Instant now) {
        requireTransition(next);
        Instant awarded = next == JobStatus.AWARDED ? now : awardedAt;
        Instant closed = next.terminal() ? now : closedAt;
        return new Job(
                id,
                homeownerId,
                title,
                description,
                trade,
                latitude,
                longitude,
                addressText,
                postcode,
                budgetMinMinor,
                budgetMaxMinor,
                currency,
                biddingDeadline,
                desiredStartDate,
                next,
                publishedAt,
                awarded,
                closed,
                createdAt);
    }

    void requireTransition(JobStatus next) {
        if (!status.canTransitionTo(next)) {
            throw new ProblemException(
                    ProblemType.STATE_CONFLICT,
                    "The job is " + status + " and cannot become " + next + ".",
                    Map.of("status", status));
        }
    }

    JobSnapshot snapshot() {
        return new JobSnapshot(id, homeownerId, title, trade, currency, status, biddingDeadline);
    }
}
