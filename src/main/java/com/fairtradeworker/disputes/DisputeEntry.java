package com.fairtradeworker.disputes;

import java.time.Instant;
import java.util.UUID;

/** One row of {@code dispute_responses}: a response or a statement, never changed once written. */
record DisputeEntry(UUID id, UUID disputeId, UUID authorId, DisputeEntryKind kind, String body, Instant createdAt) {}
