package com.fairtradeworker.disputes;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code disputes} and {@code dispute_responses}. */
@Repository
class DisputeRepository {

    private static final String COLUMNS = """
            id, contract_id, opened_by, reason, desired_outcome, desired_split_minor, statement, status, resolution,
            resolution_split_minor, resolution_reason, resolved_by, resolved_at, response_due_at, responded_at,
            withdrawn_at, created_at""";

    private final JdbcClient jdbc;

    DisputeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Dispute dispute) {
        jdbc.sql("""
                INSERT INTO disputes (id, contract_id, opened_by, reason, desired_outcome, desired_split_minor,
                                      statement, status, response_due_at, created_at, updated_at)
                VALUES (:id, :contract, :openedBy, :reason, :desiredOutcome, :desiredSplit, :statement, :status,
                        :responseDueAt, :createdAt, :createdAt)
                """)
                .param("id", dispute.id())
                .param("contract", dispute.contractId())
                .param("openedBy", dispute.openedBy())
                .param("reason", dispute.reason().name())
                .param("desiredOutcome", dispute.desiredOutcome().name())
                .param("desiredSplit", dispute.desiredSplitMinor())
                .param("statement", dispute.statement())
                .param("status", dispute.status().name())
                .param("responseDueAt", Timestamp.from(dispute.responseDueAt()))
                .param("createdAt", Timestamp.from(dispute.createdAt()))
                .update();
    }

    /** Writes the state and what came with it; what the opener claimed never changes. */
    void updateState(Dispute dispute, Instant now) {
        jdbc.sql("""
                UPDATE disputes
                   SET status = :status, resolution = :resolution, resolution_split_minor = :split,
                       resolution_reason = :reason, resolved_by = :resolvedBy, resolved_at = :resolvedAt,
                       responded_at = :respondedAt, withdrawn_at = :withdrawnAt, updated_at = :now
                 WHERE id = :id
                """)
                .param("status", dispute.status().name())
                .param(
                        "resolution",
                        dispute.resolution() == null
                                ? null
                                : dispute.resolution().name())
                .param("split", dispute.resolutionSplitMinor())
                .param("reason", dispute.resolutionReason())
                .param("resolvedBy", dispute.resolvedBy())
                .param("resolvedAt", timestamp(dispute.resolvedAt()))
                .param("respondedAt", timestamp(dispute.respondedAt()))
                .param("withdrawnAt", timestamp(dispute.withdrawnAt()))
                .param("now", Timestamp.from(now))
                .param("id", dispute.id())
                .update();
    }

    Optional<Dispute> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM disputes WHERE id = ?")
                .param(id)
                .query(DisputeRepository::map)
                .optional();
    }

    /** Row lock; take the contract's lock first (the order of every contract and money operation). */
    Optional<Dispute> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM disputes WHERE id = ? FOR UPDATE")
                .param(id)
                .query(DisputeRepository::map)
                .optional();
    }

    /** Every dispute of the contract, newest first (a contract has few: at most one open at a time). */
    List<Dispute> ofContract(UUID contractId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM disputes WHERE contract_id = ? ORDER BY created_at DESC, id DESC")
                .param(contractId)
                .query(DisputeRepository::map)
                .list();
    }

    /**
     * A page of the admin queue, oldest first, after the keyset (null: from the start): the disputes in one of the
     * states.
     */
    List<Dispute> queue(List<DisputeStatus> statuses, Instant after, UUID afterId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM disputes WHERE status IN (:statuses)" + """
                   AND (CAST(:after AS timestamptz) IS NULL
                        OR (created_at, id) > (CAST(:after AS timestamptz), CAST(:afterId AS uuid)))
                 ORDER BY created_at, id
                 LIMIT :limit
                """)
                .param("statuses", statuses.stream().map(Enum::name).toList())
                .param("after", timestamp(after))
                .param("afterId", afterId)
                .param("limit", limit)
                .query(DisputeRepository::map)
                .list();
    }

    void insertEntry(DisputeEntry entry) {
        jdbc.sql("""
                INSERT INTO dispute_responses (id, dispute_id, author_id, kind, body, created_at)
                VALUES (:id, :dispute, :author, :kind, :body, :createdAt)
                """)
                .param("id", entry.id())
                .param("dispute", entry.disputeId())
                .param("author", entry.authorId())
                .param("kind", entry.kind().name())
                .param("body", entry.body())
                .param("createdAt", Timestamp.from(entry.createdAt()))
                .update();
    }

    /** The dispute's responses and statements, oldest first. */
    List<DisputeEntry> entries(UUID disputeId) {
        return jdbc.sql("""
                SELECT id, dispute_id, author_id, kind, body, created_at FROM dispute_responses
                 WHERE dispute_id = ? ORDER BY created_at, id
                """)
                .param(disputeId)
                .query((row, number) -> new DisputeEntry(
                        row.getObject("id", UUID.class),
                        row.getObject("dispute_id", UUID.class),
                        row.getObject("author_id", UUID.class),
                        DisputeEntryKind.valueOf(row.getString("kind")),
                        row.getString("body"),
                        row.getTimestamp("created_at").toInstant()))
                .list();
    }

    static Dispute map(ResultSet row, int number) throws SQLException {
        return new Dispute(
                row.getObject("id", UUID.class),
                row.getObject("contract_id", UUID.class),
                row.getObject("opened_by", UUID.class),
                DisputeReason.valueOf(row.getString("reason")),
                DisputeOutcome.valueOf(row.getString("desired_outcome")),
                (Long) row.getObject("desired_split_minor"),
                row.getString("statement"),
                DisputeStatus.valueOf(row.getString("status")),
                outcome(row.getString("resolution")),
                (Long) row.getObject("resolution_split_minor"),
                row.getString("resolution_reason"),
                row.getObject("resolved_by", UUID.class),
                instant(row.getTimestamp("resolved_at")),
                instant(row.getTimestamp("response_due_at")),
                instant(row.getTimestamp("responded_at")),
                instant(row.getTimestamp("withdrawn_at")),
                instant(row.getTimestamp("created_at")));
    }

    private static DisputeOutcome outcome(String name) {
        return name == null ? null : DisputeOutcome.valueOf(name);
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
