package com.fairtradeworker.audit;

import com.fairtradeworker.shared.RequestMetadata;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends to {@code audit_logs}, the record of who did what. Call it inside the transaction that makes the change, so
 * the change and its audit row commit or vanish together. IP, user agent and request id come from the current request.
 * The table refuses updates and deletes, also for the service's own database role.
 */
@Service
public class AuditLog {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public UUID record(AuditEntry entry) {
        return append(entry);
    }

    /** For events that must be kept even when the surrounding work fails, such as a refused login. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public UUID recordIndependently(AuditEntry entry) {
        return append(entry);
    }

    private UUID append(AuditEntry entry) {
        UUID id = UUID.randomUUID();
        RequestMetadata request = RequestMetadata.current().orElse(new RequestMetadata(null, null, null));
        jdbc.sql("""
                INSERT INTO audit_logs (id, occurred_at, actor_id, action, entity_type, entity_id,
                                        ip, user_agent, request_id, details)
                VALUES (:id, :occurredAt, :actorId, :action, :entityType, :entityId,
                        CAST(:ip AS inet), :userAgent, :requestId, CAST(:details AS jsonb))
                """)
                .param("id", id)
                .param("occurredAt", java.sql.Timestamp.from(Instant.now(clock)))
                .param("actorId", entry.actorId())
                .param("action", entry.action())
                .param("entityType", entry.entityType())
                .param("entityId", entry.entityId())
                .param("ip", request.clientIp())
                .param("userAgent", request.userAgent())
                .param("requestId", request.requestId())
                .param("details", json.writeValueAsString(entry.details()))
                .update();
        return id;
    }
}
