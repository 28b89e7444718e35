package com.fairtradeworker.completions;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code evidence_files}: each row belongs to exactly one completion or one dispute. */
@Repository
class EvidenceRepository {

    /** A stored file as recorded, with the contract it belongs to (through its completion or dispute). */
    record Located(UUID id, UUID contractId, String storageKey, String contentType) {}

    private static final String COLUMNS = """
            id, completion_id, dispute_id, uploaded_by, original_filename, content_type, size_bytes, sha256,
            created_at""";

    private final JdbcClient jdbc;

    EvidenceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(EvidenceRow row) {
        jdbc.sql("""
                INSERT INTO evidence_files (id, completion_id, dispute_id, uploaded_by, storage_key, original_filename,
                                            content_type, size_bytes, sha256, created_at)
                VALUES (:id, :completion, :dispute, :uploadedBy, :key, :name, :type, :size, :sha256, :createdAt)
                """)
                .param("id", row.id())
                .param("completion", row.completionId())
                .param("dispute", row.disputeId())
                .param("uploadedBy", row.uploadedBy())
                .param("key", row.storageKey())
                .param("name", row.originalName())
                .param("type", row.contentType())
                .param("size", row.sizeBytes())
                .param("sha256", HexFormat.of().parseHex(row.sha256()))
                .param("createdAt", Timestamp.from(row.createdAt()))
                .update();
    }

    int countOfDisputeBy(UUID disputeId, UUID uploaderId) {
        return jdbc.sql("SELECT count(*) FROM evidence_files WHERE dispute_id = ? AND uploaded_by = ?")
                .params(disputeId, uploaderId)
                .query(Integer.class)
                .single();
    }

    /** The files of each given completion, oldest first; completions without files are absent. */
    Map<UUID, List<EvidenceView>> ofCompletions(List<UUID> completionIds) {
        Map<UUID, List<EvidenceView>> byCompletion = new LinkedHashMap<>();
        if (completionIds.isEmpty()) {
            return byCompletion;
        }
        jdbc.sql("SELECT " + COLUMNS + " FROM evidence_files WHERE completion_id = ANY(:ids) ORDER BY created_at, id")
                .param("ids", completionIds.toArray(UUID[]::new))
                .query((row, number) -> Map.entry(row.getObject("completion_id", UUID.class), view(row)))
                .list()
                .forEach(entry -> byCompletion
                        .computeIfAbsent(entry.getKey(), key -> new java.util.ArrayList<>())
                        .add(entry.getValue()));
        return byCompletion;
    }

    List<EvidenceView> ofDispute(UUID disputeId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM evidence_files WHERE dispute_id = ? ORDER BY created_at, id")
                .param(disputeId)
                .query((row, number) -> view(row))
                .list();
    }

    /** The file and its contract, whether it belongs to a completion or to a dispute. */
    Optional<Located> locate(UUID evidenceId) {
        return jdbc.sql("""
                SELECT e.id, coalesce(c.contract_id, d.contract_id) AS contract_id, e.storage_key, e.content_type
                  FROM evidence_files e
                  LEFT JOIN job_completions c ON c.id = e.completion_id
                  LEFT JOIN disputes d ON d.id = e.dispute_id
                 WHERE e.id = ?
                """)
                .param(evidenceId)
                .query((row, number) -> new Located(
                        row.getObject("id", UUID.class),
                        row.getObject("contract_id", UUID.class),
                        row.getString("storage_key"),
                        row.getString("content_type")))
                .optional();
    }

    /**
     * The dispute's contract, read from the disputes table (the disputes module calls in with its own ids, maybe
     * before committing the dispute, which this transaction then sees).
     */
    Optional<UUID> contractOfDispute(UUID disputeId) {
        return jdbc.sql("SELECT contract_id FROM disputes WHERE id = ?")
                .param(disputeId)
                .query(UUID.class)
                .optional();
    }

    private static EvidenceView view(ResultSet row) throws SQLException {
        UUID id = row.getObject("id", UUID.class);
        return new EvidenceView(
                id,
                row.getString("original_filename"),
                row.getString("content_type"),
                row.getLong("size_bytes"),
                HexFormat.of().formatHex(row.getBytes("sha256")),
                row.getObject("uploaded_by", UUID.class),
                row.getTimestamp("created_at").toInstant(),
                EvidenceView.downloadPathOf(id));
    }
}
