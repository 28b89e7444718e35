package com.fairtradeworker.completions;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code job_completions}: plain SQL, with the row lock that decisions take. */
@Repository
class CompletionRepository {

    private static final String COLUMNS = """
            id, contract_id, submitted_by, summary, notes, status, change_request_reason, submitted_at, decided_at,
            decided_by""";

    private final JdbcClient jdbc;

    CompletionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Completion completion) {
        jdbc.sql("""
                INSERT INTO job_completions (id, contract_id, submitted_by, summary, notes, status, submitted_at,
                                             created_at, updated_at)
                VALUES (:id, :contract, :submittedBy, :summary, :notes, :status, :submittedAt, :submittedAt,
                        :submittedAt)
                """)
                .param("id", completion.id())
                .param("contract", completion.contractId())
                .param("submittedBy", completion.submittedBy())
                .param("summary", completion.summary())
                .param("notes", completion.notes())
                .param("status", completion.status().name())
                .param("submittedAt", Timestamp.from(completion.submittedAt()))
                .update();
    }

    /** Records a decision; the caller holds the row lock. */
    void updateDecision(Completion completion) {
        jdbc.sql("""
                UPDATE job_completions
                   SET status = :status, change_request_reason = :reason, decided_at = :decidedAt,
                       decided_by = :decidedBy, updated_at = :decidedAt
                 WHERE id = :id
                """)
                .param("id", completion.id())
                .param("status", completion.status().name())
                .param("reason", completion.changeRequestReason())
                .param("decidedAt", Timestamp.from(completion.decidedAt()))
                .param("decidedBy", completion.decidedBy())
                .update();
    }

    /** The contract's submission awaiting a decision, locked for the rest of the transaction. */
    Optional<Completion> lockSubmitted(UUID contractId) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM job_completions WHERE contract_id = ? AND status = 'SUBMITTED' FOR UPDATE")
                .param(contractId)
                .query(CompletionRepository::map)
                .optional();
    }

    Optional<Completion> findSubmitted(UUID contractId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM job_completions WHERE contract_id = ? AND status = 'SUBMITTED'")
                .param(contractId)
                .query(CompletionRepository::map)
                .optional();
    }

    Optional<Completion> find(UUID completionId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM job_completions WHERE id = ?")
                .param(completionId)
                .query(CompletionRepository::map)
                .optional();
    }

    /** Every submission of the contract, newest first. */
    List<Completion> history(UUID contractId) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM job_completions WHERE contract_id = ? ORDER BY submitted_at DESC, id DESC")
                .param(contractId)
                .query(CompletionRepository::map)
                .list();
    }

    private static Completion map(ResultSet row, int number) throws SQLException {
        return new Completion(
                row.getObject("id", UUID.class),
                row.getObject("contract_id", UUID.class),
                row.getObject("submitted_by", UUID.class),
                row.getString("summary"),
                row.getString("notes"),
                CompletionStatus.valueOf(row.getString("status")),
                row.getString("change_request_reason"),
                instant(row.getTimestamp("submitted_at")),
                instant(row.getTimestamp("decided_at")),
                row.getObject("decided_by", UUID.class));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
