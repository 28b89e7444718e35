package com.fairtradeworker.completions;

import com.fairtradeworker.storage.StoredFile;
import java.time.Instant;
import java.util.UUID;

/** One row of {@code evidence_files} to insert: exactly one of {@code completionId} and {@code disputeId} is set. */
record EvidenceRow(
        UUID id,
        UUID completionId,
        UUID disputeId,
        UUID uploadedBy,
        String storageKey,
        String originalName,
        String contentType,
        long sizeBytes,
        String sha256,
        Instant createdAt) {

    static EvidenceRow of(StoredFile file, UUID completionId, UUID disputeId, UUID uploadedBy, Instant now) {
        return new EvidenceRow(
                UUID.randomUUID(),
                completionId,
                disputeId,
                uploadedBy,
                file.key(),
                file.originalName(),
                file.contentType(),
                file.sizeBytes(),
                file.sha256(),
                now);
    }

    EvidenceView view() {
        return new EvidenceView(
                id,
                originalName,
                contentType,
                sizeBytes,
                sha256,
                uploadedBy,
                createdAt,
                EvidenceView.downloadPathOf(id));
    }
}
