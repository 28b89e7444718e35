package com.fairtradeworker.admin;

import com.fairtradeworker.audit.AuditSearch;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** The opaque keyset cursor of the audit search: the last row's time and id, newest first. */
final class AuditCursor {

    static final int MAX_LENGTH = 200;

    private AuditCursor() {}

    /** The position, or null for a value that is not a cursor of this API. */
    static AuditSearch.After parse(String value) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8).split("\\|");
            if (parts.length != 2) {
                return null;
            }
            return new AuditSearch.After(Instant.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            return null;
        }
    }

    static String of(AuditSearch.Row last) {
        String raw = last.occurredAt() + "|" + last.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }
}
