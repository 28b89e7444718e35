package com.fairtradeworker.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads {@code audit_logs} for the admins' audit view: one filtered page newest first, and a time range oldest first
 * streamed row by row for export. Only the filters given become predicates (no {@code :x IS NULL OR ...}), so each
 * query can use the index V9 made for it: {@code audit_logs_actor_idx (actor_id, occurred_at DESC)}, {@code
 * audit_logs_entity_idx (entity_type, entity_id, occurred_at DESC)}, {@code audit_logs_action_idx (action,
 * occurred_at DESC)} and {@code audit_logs_occurred_at_idx (occurred_at DESC)} for time alone. The keyset is
 * (occurred_at, id); its {@code occurred_at <=} half is a plain range on the index's time column.
 */
@Service
public class AuditSearch {

    /** Rows per round trip while exporting; the driver streams through a cursor inside the read transaction. */
    private static final int EXPORT_FETCH_SIZE = 500;

    /**
     * What to look for; null fields are not filtered on. {@code entityId} needs {@code entityType} (the index starts
     * with the type). {@code from} is inclusive, {@code to} exclusive.
     */
    public record Filter(UUID actorId, String entityType, String entityId, String action, Instant from, Instant to) {

        public Filter {
            if (entityId != null && entityType == null) {
                throw new IllegalArgumentException("entityId is searched together with entityType");
            }
        }
    }

    /** The last row of the previous page: the next page starts strictly after it, newest first. */
    public record After(Instant occurredAt, UUID id) {}

    /** One audit row as stored; {@code details} is the JSON object's text. */
    public record Row(
            UUID id,
            Instant occurredAt,
            UUID actorId,
            String action,
            String entityType,
            String entityId,
            String ip,
            String userAgent,
            String requestId,
            String details) {}

    /** A statement and its named parameters (package-private for the index test). */
    record Statement(String sql, Map<String, Object> params) {}

    private static final String COLUMNS = """
            id, occurred_at, actor_id, action, entity_type, entity_id, host(ip) AS ip, user_agent, request_id,
            details::text AS details""";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate streaming;

    AuditSearch(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        JdbcTemplate template = new JdbcTemplate(dataSource);
        template.setFetchSize(EXPORT_FETCH_SIZE);
        this.streaming = new NamedParameterJdbcTemplate(template);
    }

    /** At most {@code limit} rows matching the filter, newest first, after {@code after} (null: from the newest). */
    public List<Row> newestFirst(Filter filter, After after, int limit) {
        Statement statement = page(filter, after, limit);
        return jdbc.sql(statement.sql())
                .params(statement.params())
                .query(AuditSearch::map)
                .list();
    }

    /**
     * Hands every row with {@code from <= occurred_at < to} to {@code sink}, oldest first, without holding the range in
     * memory (a server-side cursor in one read-only transaction). Returns how many rows it handed over.
     */
    @Transactional(readOnly = true)
    public long forEachInRange(Instant from, Instant to, Consumer<Row> sink) {
        long[] count = {0};
        streaming.query(
                "SELECT " + COLUMNS + " FROM audit_logs WHERE occurred_at >= :from AND occurred_at < :to"
                        + " ORDER BY occurred_at, id",
                Map.of("from", Timestamp.from(from), "to", Timestamp.from(to)),
                row -> {
                    sink.accept(map(row, 0));
                    count[0]++;
                });
        return count[0];
    }

    static Statement page(Filter filter, After after, int limit) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (filter.actorId() != null) {
            where.add("actor_id = :actor");
            params.put("actor", filter.actorId());
        }
        if (filter.entityType() != null) {
            where.add("entity_type = :entityType");
            params.put("entityType", filter.entityType());
        }
        if (filter.entityId() != null) {
            where.add("entity_id = :entityId");
            params.put("entityId", filter.entityId());
        }
        if (filter.action() != null) {
            where.add("action = :action");
            params.put("action", filter.action());
        }
        if (filter.from() != null) {
            where.add("occurred_at >= :from");
            params.put("from", Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            where.add("occurred_at < :to");
            params.put("to", Timestamp.from(filter.to()));
        }
        if (after != null) {
            where.add("occurred_at <= :afterAt");
            where.add("(occurred_at, id) < (:afterAt, :afterId)");
            params.put("afterAt", Timestamp.from(after.occurredAt()));
            params.put("afterId", after.id());
        }
        params.put("limit", limit);
        String sql = "SELECT " + COLUMNS + " FROM audit_logs"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY occurred_at DESC, id DESC LIMIT :limit";
        return new Statement(sql, params);
    }

    private static Row map(ResultSet row, int number) throws SQLException {
        return new Row(
                row.getObject("id", UUID.class),
                row.getTimestamp("occurred_at").toInstant(),
                row.getObject("actor_id", UUID.class),
                row.getString("action"),
                row.getString("entity_type"),
                row.getString("entity_id"),
                row.getString("ip"),
                row.getString("user_agent"),
                row.getString("request_id"),
                row.getString("details"));
    }
}
