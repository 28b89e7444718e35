package com.fairtradeworker.idempotency;

import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The rows of {@code idempotency_keys}: one per user and key, IN_PROGRESS while its first request runs. */
@Repository
class IdempotencyKeys {

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

    /** A key's row; {@code response} is null while the request is IN_PROGRESS. */
    record Row(
            UUID id,
            String method,
            String route,
            byte[] requestHash,
            StoredResponse response,
            Instant createdAt,
            Instant expiresAt) {

        boolean sameRequest(IdempotentRequest request, byte[] hash) {
            return method.equals(request.method())
                    && route.equals(request.route())
                    && MessageDigest.isEqual(requestHash, hash);
        }
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;

    IdempotencyKeys(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A new IN_PROGRESS row, or empty when the user already has a row with this key. */
    Optional<UUID> insert(IdempotentRequest request, byte[] hash, Instant now, Instant expiresAt) {
        return jdbc.sql("""
                INSERT INTO idempotency_keys (id, user_id, idem_key, method, route, request_hash, status,
                                              created_at, expires_at)
                VALUES (:id, :userId, :key, :method, :route, :hash, 'IN_PROGRESS', :now, :expiresAt)
                ON CONFLICT (user_id, idem_key) DO NOTHING
                RETURNING id
                """)
                .param("id", UUID.randomUUID())
                .param("userId", request.userId())
                .param("key", request.key())
                .param("method", request.method())
                .param("route", request.route())
                .param("hash", hash)
                .param("now", Timestamp.from(now))
                .param("expiresAt", Timestamp.from(expiresAt))
                .query(UUID.class)
                .optional();
    }

    /** The user's row for this key, locked until the transaction ends. */
    Optional<Row> lock(UUID userId, String key) {
        return jdbc.sql("""
                SELECT id, method, route, request_hash, status, response_status, response_body,
                       response_headers::text AS response_headers, created_at, expires_at
                  FROM idempotency_keys
                 WHERE user_id = :userId AND idem_key = :key
                   FOR UPDATE
                """)
                .param("userId", userId)
                .param("key", key)
                .query(this::row)
                .optional();
    }

    void delete(UUID id) {
        jdbc.sql("DELETE FROM idempotency_keys WHERE id = :id").param("id", id).update();
    }

    /**
     * Takes over an IN_PROGRESS row whose request started before {@code staleBefore} (its attempt crashed). The row gets
     * a new id, so the old attempt, should it still be running after all, can no longer complete or release it.
     */
    Optional<UUID> takeOver(UUID id, Instant staleBefore, Instant now, Instant expiresAt) {
        return jdbc.sql("""
                UPDATE idempotency_keys
                   SET id = :newId, created_at = :now, expires_at = :expiresAt
                 WHERE id = :id AND status = 'IN_PROGRESS' AND created_at < :staleBefore
                RETURNING id
                """)
                .param("newId", UUID.randomUUID())
                .param("now", Timestamp.from(now))
                .param("expiresAt", Timestamp.from(expiresAt))
                .param("id", id)
                .param("staleBefore", Timestamp.from(staleBefore))
                .query(UUID.class)
                .optional();
    }

    /** Stores the response; false when this attempt no longer holds the row (another attempt took it over). */
    boolean complete(UUID id, StoredResponse response, Instant now) {
        return jdbc.sql("""
                UPDATE idempotency_keys
                   SET status = 'COMPLETED', response_status = :status, response_body = :body,
                       response_headers = CAST(:headers AS jsonb), completed_at = :now
                 WHERE id = :id AND status = 'IN_PROGRESS'
                """)
                        .param("status", response.status())
                        .param("body", response.body())
                        .param("headers", json.writeValueAsString(response.headers()))
                        .param("now", Timestamp.from(now))
                        .param("id", id)
                        .update()
                == 1;
    }

    /** Frees the key of a request whose action failed, so the client may retry with it. */
    void release(UUID id) {
        jdbc.sql("DELETE FROM idempotency_keys WHERE id = :id AND status = 'IN_PROGRESS'")
                .param("id", id)
                .update();
    }

    /** Deletes up to {@code limit} rows that expired by {@code now}; returns how many. */
    int deleteExpired(Instant now, int limit) {
        return jdbc.sql("""
                DELETE FROM idempotency_keys
                 WHERE id IN (SELECT id FROM idempotency_keys WHERE expires_at <= :now LIMIT :limit)
                """)
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .update();
    }

    private Row row(ResultSet rs, int rowNum) throws SQLException {
        StoredResponse response = "COMPLETED".equals(rs.getString("status"))
                ? new StoredResponse(rs.getInt("response_status"), rs.getString("response_body"), headers(rs))
                : null;
        return new Row(
                rs.getObject("id", UUID.class),
                rs.getString("method"),
                rs.getString("route"),
                rs.getBytes("request_hash"),
                response,
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("expires_at").toInstant());
    }

    private Map<String, String> headers(ResultSet rs) throws SQLException {
        String headers = rs.getString("response_headers");
        return headers == null ? Map.of() : json.readValue(headers, HEADERS);
    }
}
