package com.fairtradeworker.admin;

import com.fairtradeworker.audit.AuditSearch;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The query parameters of the audit view, checked all at once (400 listing every bad one). An empty parameter counts
 * as absent, so {@code ?actor=&action=X} filters on the action only. Times are ISO-8601 ({@code
 * 2025-01-31T12:00:00Z}; an offset's {@code +} is sent as {@code %2B}); {@code from} is inclusive, {@code to}
 * exclusive. Lengths match the CHECKs on {@code audit_logs}, so a value that cannot exist is refused, not searched.
 */
final class AuditLogQuery {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    /** The widest export: a month of audit rows per file. */
    static final Duration MAX_EXPORT_RANGE = Duration.ofDays(31);

    private static final int MAX_ACTION_LENGTH = 100;
    private static final int MAX_ENTITY_TYPE_LENGTH = 100;
    private static final int MAX_ENTITY_ID_LENGTH = 200;

    private AuditLogQuery() {}

    record Search(AuditSearch.Filter filter, AuditSearch.After after, int limit) {}

    record Range(Instant from, Instant to) {}

    static Search search(
            String actor,
            String entityType,
            String entityId,
            String action,
            String from,
            String to,
            String limit,
            String cursor) {
        List<Map<String, String>> errors = new ArrayList<>();
        UUID actorId = uuid(actor, "actor", errors);
        String type = text(entityType, "entityType", MAX_ENTITY_TYPE_LENGTH, errors);
        String id = text(entityId, "entityId", MAX_ENTITY_ID_LENGTH, errors);
        if (id != null && absent(entityType)) {
            errors.add(error("entityId", "needs entityType"));
        }
        String actionName = text(action, "action", MAX_ACTION_LENGTH, errors);
        Instant start = instant(from, "from", errors);
        Instant end = instant(to, "to", errors);
        if (start != null && end != null && !start.isBefore(end)) {
            errors.add(error("to", "must be after from"));
        }
        int pageSize = limit(limit, errors);
        AuditSearch.After after = null;
        if (!absent(cursor)) {
            after = cursor.length() > AuditCursor.MAX_LENGTH ? null : AuditCursor.parse(cursor);
            if (after == null) {
                errors.add(error("cursor", "is not a cursor from this API"));
            }
        }
        failOn(errors);
        return new Search(new AuditSearch.Filter(actorId, type, id, actionName, start, end), after, pageSize);
    }

    static Range exportRange(String from, String to) {
        List<Map<String, String>> errors = new ArrayList<>();
        Instant start = instant(from, "from", errors);
        Instant end = instant(to, "to", errors);
        if (absent(from)) {
            errors.add(error("from", "is required"));
        }
        if (absent(to)) {
            errors.add(error("to", "is required"));
        }
        if (start != null && end != null) {
            if (!start.isBefore(end)) {
                errors.add(error("to", "must be after from"));
            } else if (Duration.between(start, end).compareTo(MAX_EXPORT_RANGE) > 0) {
                errors.add(error("to", "must be at most " + MAX_EXPORT_RANGE.toDays() + " days after from"));
            }
        }
        failOn(errors);
        return new Range(start, end);
    }

    private static boolean absent(String value) {
        return value == null || value.isEmpty();
    }

    private static UUID uuid(String value, String field, List<Map<String, String>> errors) {
        if (absent(value)) {
            return null;
        }
        try {
            if (value.length() == 36) {
                return UUID.fromString(value);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        errors.add(error(field, "must be a user id (UUID)"));
        return null;
    }

    private static String text(String value, String field, int max, List<Map<String, String>> errors) {
        if (absent(value)) {
            return null;
        }
        if (value.codePointCount(0, value.length()) > max) {
            errors.add(error(field, "must be at most " + max + " characters"));
            return null;
        }
        return value;
    }

    private static Instant instant(String value, String field, List<Map<String, String>> errors) {
        if (absent(value)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(error(field, "must be an ISO-8601 time such as 2025-01-31T12:00:00Z"));
            return null;
        }
    }

    private static int limit(String value, List<Map<String, String>> errors) {
        if (absent(value)) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(error("limit", "must be a whole number from 1 to " + MAX_LIMIT));
        return DEFAULT_LIMIT;
    }

    private static void failOn(List<Map<String, String>> errors) {
        if (!errors.isEmpty()) {
            throw new ProblemException(
                    ProblemType.VALIDATION_FAILED, "Some fields are invalid.", Map.of("errors", errors));
        }
    }

    private static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }
}
