package com.fairtradeworker.reviews;

import java.time.Instant;
import java.util.UUID;

/** A review as stored in {@code reviews}: the author's rating (1-5) and text of the other party of the contract. */
record Review(
        UUID id,
        UUID contractId,
        UUID authorId,
        UUID subjectId,
        int rating,
        String body,
        ReviewStatus status,
        Instant submittedAt,
        Instant publishedAt,
        String replyBody,
        Instant repliedAt,
        String hiddenReason,
        UUID hiddenBy,
        Instant hiddenAt) {

    static Review submitted(UUID contractId, UUID authorId, UUID subjectId, int rating, String body, Instant now) {
        return new Review(
                UUID.randomUUID(),
                contractId,
                authorId,
                subjectId,
                rating,
                body,
                ReviewStatus.SUBMITTED,
                now,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** What anyone but its author and admins may see: published reviews only (a draft's existence is secret). */
    boolean visibleTo(UUID userId) {
        return status == ReviewStatus.PUBLISHED || authorId.equals(userId);
    }
}
