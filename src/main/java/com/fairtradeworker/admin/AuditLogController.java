package com.fairtradeworker.admin;

import com.fairtradeworker.audit.AuditEntry;
import com.fairtradeworker.audit.AuditLog;
import com.fairtradeworker.audit.AuditSearch;
import com.fairtradeworker.identity.AuthenticatedUser;
import com.fairtradeworker.identity.Role;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admins' view of the audit log: a filtered search, newest first, and a CSV export of a time range. ADMIN only
 * ({@link AdminRoutes}, and checked again here). Rows carry user ids, never names or e-mail addresses.
 */
@RestController
class AuditLogController {

    private final AuditSearch search;
    private final AuditLog audit;
    private final JsonMapper json;

    AuditLogController(AuditSearch search, AuditLog audit, JsonMapper json) {
        this.search = search;
        this.audit = audit;
        this.json = json;
    }

    /** One audit row; {@code actorId} null when the system acted (a timer, a webhook). */
    record AuditLogItem(
            UUID id,
            Instant occurredAt,
            UUID actorId,
            String action,
            String entityType,
            String entityId,
            String ip,
            String userAgent,
            String requestId,
            JsonNode details) {}

    record AuditLogPage(List<AuditLogItem> items, String nextCursor) {}

    @Operation(
            summary = "Search the audit log, newest first",
            description = "ADMIN. Filters (each optional, combined with AND; empty means absent): actor (user id),"
                    + " entityType, entityId (needs entityType), action (exact), from (inclusive) and to (exclusive) as"
                    + " ISO-8601 times. limit 1-200 (default 50); keyset pagination: pass the answer's nextCursor as"
                    + " cursor (null on the last page). 400 listing every invalid parameter.")
    @GetMapping("/api/admin/audit-logs")
    AuditLogPage search(
            @AuthenticationPrincipal AuthenticatedUser user,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String entityType,
            @RequestParam(required = false) String entityId,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor) {
        admin(user);
        AuditLogQuery.Search query = AuditLogQuery.search(actor, entityType, entityId, action, from, to, limit, cursor);
        List<AuditSearch.Row> rows = search.newestFirst(query.filter(), query.after(), query.limit() + 1);
        String next = null;
        if (rows.size() > query.limit()) {
            rows = rows.subList(0, query.limit());
            next = AuditCursor.of(rows.get(query.limit() - 1));
        }
        return new AuditLogPage(rows.stream().map(this::item).toList(), next);
    }

    @Operation(
            summary = "Export the audit log of a time range as CSV",
            description = "ADMIN. from (inclusive) and to (exclusive), ISO-8601 times, at most 31 days apart (400"
                    + " otherwise). Streamed as text/csv (UTF-8, RFC 4180, header row, oldest first) in an attachment;"
                    + " cells that a spreadsheet would run as a formula start with an apostrophe. The export itself is"
                    + " recorded in the audit log (AUDIT_LOG_EXPORTED).")
    @GetMapping("/api/admin/audit-logs/export.csv")
    void export(
            @AuthenticationPrincipal AuthenticatedUser user,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            HttpServletResponse response)
            throws IOException {
        UUID adminId = admin(user).userId();
        AuditLogQuery.Range range = AuditLogQuery.exportRange(from, to);
        audit.recordIndependently(new AuditEntry(
                adminId,
                "AUDIT_LOG_EXPORTED",
                "audit_log",
                null,
                Map.of("from", range.from().toString(), "to", range.to().toString())));
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/csv");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment()
                        .filename("audit-log_" + fileTime(range.from()) + "_" + fileTime(range.to()) + ".csv")
                        .build()
                        .toString());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        Writer writer = response.getWriter();
        AuditCsv csv = new AuditCsv(writer);
        csv.header();
        search.forEachInRange(range.from(), range.to(), csv::row);
        writer.flush();
    }

    private AuditLogItem item(AuditSearch.Row row) {
        return new AuditLogItem(
                row.id(),
                row.occurredAt(),
                row.actorId(),
                row.action(),
                row.entityType(),
                row.entityId(),
                row.ip(),
                row.userAgent(),
                row.requestId(),
                json.readTree(row.details()));
    }

    private static String fileTime(Instant instant) {
        return instant.toString().replace(":", "");
    }

    /** Second lock on the door behind {@link AdminRoutes}. */
    private static AuthenticatedUser admin(AuthenticatedUser user) {
        if (user == null) {
            throw new ProblemException(ProblemType.UNAUTHENTICATED, "Sign in to use this route.");
        }
        if (!user.is(Role.ADMIN)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only admins read the audit log.");
        }
        return user;
    }
}
