package com.fairtradeworker.reviews;

import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An opaque keyset cursor for a user's published reviews: the last one's publication time and id. */
record ReviewCursor(Instant at, UUID id) {

    static final int MAX_PAGE_SIZE = 50;

    static ReviewCursor parse(String value) {
        if (value == null || value.isBlank()) {
            return new ReviewCursor(null, null);
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8).split("\\|");
            return new ReviewCursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw new ProblemException(
                    ProblemType.VALIDATION_FAILED,
                    "Some fields are invalid.",
                    Map.of("errors", List.of(Map.of("field", "cursor", "message", "is not a cursor from this API"))));
        }
    }

    static String of(Instant at, UUID id) {
        String raw = at + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }
}
