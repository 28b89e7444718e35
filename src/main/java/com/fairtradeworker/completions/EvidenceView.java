package com.fairtradeworker.completions;

import java.time.Instant;
import java.util.UUID;

/**
 * One evidence file as its readers see it: metadata only. The bytes come from {@code GET /api/evidence/{id}}, which
 * answers only the contract's two parties and admins.
 *
 * @param id the evidence file's id
 * @param fileName the uploaded name, sanitised for display (its extension always matches the recognised content)
 * @param contentType recognised from the content: image/jpeg, image/png, image/webp, image/heic or application/pdf
 * @param sizeBytes the stored size (location metadata stripped from images, so at most the uploaded size)
 * @param sha256 lowercase hex SHA-256 of the stored bytes
 * @param uploadedBy the user who uploaded it
 * @param uploadedAt when it was stored
 * @param downloadPath the API path that serves the file, {@code /api/evidence/{id}}
 */
public record EvidenceView(
        UUID id,
        String fileName,
        String contentType,
        long sizeBytes,
        String sha256,
        UUID uploadedBy,
        Instant uploadedAt,
        String downloadPath) {

    static String downloadPathOf(UUID id) {
        return "/api/evidence/" + id;
    }
}
