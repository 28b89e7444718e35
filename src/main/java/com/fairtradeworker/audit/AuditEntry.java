package com.fairtradeworker.audit;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One state change or security event. {@code actorId} is null when the system acted (a timer, a webhook). Details hold
 * ids and states, never names, e-mail addresses, passwords or tokens.
 */
public record AuditEntry(UUID actorId, String action, String entityType, String entityId, Map<String, ?> details) {

    public AuditEntry {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(entityType, "entityType");
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static AuditEntry byUser(UUID actorId, String action, String entityType, Object entityId) {
        return new AuditEntry(actorId, action, entityType, String.valueOf(entityId), Map.of());
    }

    public static AuditEntry bySystem(String action, String entityType, Object entityId) {
        return new AuditEntry(null, action, entityType, String.valueOf(entityId), Map.of());
    }

    public AuditEntry with(Map<String, ?> moreDetails) {
        var merged = new HashMap<String, Object>(details);
        merged.putAll(moreDetails);
        return new AuditEntry(actorId, action, entityType, entityId, merged);
    }
}
