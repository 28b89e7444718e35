package com.fairtradeworker.reviews;

import com.fairtradeworker.escrow.EscrowStatus;
import com.fairtradeworker.escrow.ExitCause;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code reviews} and {@code review_windows}. */
@Repository
class ReviewRepository {

    private static final String COLUMNS = """
            id, contract_id, author_id, subject_id, rating, body, status, submitted_at, published_at, reply_body,
            replied_at, hidden_reason, hidden_by, hidden_at""";

    private static final String WINDOW_COLUMNS = """
            contract_id, homeowner_id, contractor_id, outcome, exit_cause, ended_at, closes_at, published_at""";

    private final JdbcClient jdbc;

    ReviewRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Opens the contract's window; false when it already has one (a contract ends once). */
    boolean insertWindow(ReviewWindow window, Instant now) {
        return jdbc.sql("""
                        INSERT INTO review_windows (contract_id, homeowner_id, contractor_id, outcome, exit_cause,
                                                    ended_at, closes_at, created_at, updated_at)
                        VALUES (:contract, :homeowner, :contractor, :outcome, :cause, :endedAt, :closesAt, :now, :now)
                        ON CONFLICT (contract_id) DO NOTHING
                        """)
                        .param("contract", window.contractId())
                        .param("homeowner", window.homeownerId())
                        .param("contractor", window.contractorId())
                        .param("outcome", window.outcome().name())
                        .param("cause", window.cause().name())
                        .param("endedAt", Timestamp.from(window.endedAt()))
                        .param("closesAt", Timestamp.from(window.closesAt()))
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    Optional<ReviewWindow> findWindow(UUID contractId) {
        return jdbc.sql("SELECT " + WINDOW_COLUMNS + " FROM review_windows WHERE contract_id = ?")
                .param(contractId)
                .query(ReviewRepository::mapWindow)
                .optional();
    }

    /** The lock every submission and the rating clock take first: one publication per contract. */
    Optional<ReviewWindow> lockWindow(UUID contractId) {
        return jdbc.sql("SELECT " + WINDOW_COLUMNS + " FROM review_windows WHERE contract_id = ? FOR UPDATE")
                .param(contractId)
                .query(ReviewRepository::mapWindow)
                .optional();
    }

    /** The windows of the given contracts, by contract id. */
    Map<UUID, ReviewWindow> windowsOf(Collection<UUID> contractIds) {
        if (contractIds.isEmpty()) {
            return Map.of();
        }
        return jdbc
                .sql("SELECT " + WINDOW_COLUMNS + " FROM review_windows WHERE contract_id IN (:contracts)")
                .param("contracts", List.copyOf(contractIds))
                .query(ReviewRepository::mapWindow)
                .list()
                .stream()
                .collect(Collectors.toMap(ReviewWindow::contractId, Function.identity()));
    }

    void markWindowPublished(UUID contractId, Instant now) {
        jdbc.sql("UPDATE review_windows SET published_at = :now, updated_at = :now WHERE contract_id = :contract")
                .param("now", Timestamp.from(now))
                .param("contract", contractId)
                .update();
    }

    void insert(Review review) {
        jdbc.sql("""
                INSERT INTO reviews (id, contract_id, author_id, subject_id, rating, body, status, submitted_at,
                                     created_at, updated_at)
                VALUES (:id, :contract, :author, :subject, :rating, :body, :status, :submittedAt, :submittedAt,
                        :submittedAt)
                """)
                .param("id", review.id())
                .param("contract", review.contractId())
                .param("author", review.authorId())
                .param("subject", review.subjectId())
                .param("rating", review.rating())
                .param("body", review.body())
                .param("status", review.status().name())
                .param("submittedAt", Timestamp.from(review.submittedAt()))
                .update();
    }

    Optional<Review> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM reviews WHERE id = ?")
                .param(id)
                .query(ReviewRepository::map)
                .optional();
    }

    Optional<Review> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM reviews WHERE id = ? FOR UPDATE")
                .param(id)
                .query(ReviewRepository::map)
                .optional();
    }

    /** The contract's reviews (at most one per party), oldest first. */
    List<Review> ofContract(UUID contractId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM reviews WHERE contract_id = ? ORDER BY submitted_at, id")
                .param(contractId)
                .query(ReviewRepository::map)
                .list();
    }

    Optional<Review> byAuthor(UUID contractId, UUID authorId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM reviews WHERE contract_id = ? AND author_id = ?")
                .params(contractId, authorId)
                .query(ReviewRepository::map)
                .optional();
    }

    /** Every SUBMITTED review of the contract becomes PUBLISHED in this one statement; returns them as published. */
    List<Review> publishSubmitted(UUID contractId, Instant now) {
        return jdbc.sql("UPDATE reviews SET status = 'PUBLISHED', published_at = :now, updated_at = :now"
                        + " WHERE contract_id = :contract AND status = 'SUBMITTED' RETURNING " + COLUMNS)
                .param("now", Timestamp.from(now))
                .param("contract", contractId)
                .query(ReviewRepository::map)
                .list();
    }

    void reply(UUID id, String body, Instant now) {
        jdbc.sql("UPDATE reviews SET reply_body = :body, replied_at = :now, updated_at = :now WHERE id = :id")
                .param("body", body)
                .param("now", Timestamp.from(now))
                .param("id", id)
                .update();
    }

    void hide(UUID id, UUID adminId, String reason, Instant now) {
        jdbc.sql("""
                UPDATE reviews SET status = 'HIDDEN', hidden_by = :admin, hidden_reason = :reason, hidden_at = :now,
                                   updated_at = :now
                 WHERE id = :id
                """)
                .param("admin", adminId)
                .param("reason", reason)
                .param("now", Timestamp.from(now))
                .param("id", id)
                .update();
    }

    /** A page of the published reviews about the user, newest first, after the keyset (null: from the newest). */
    List<Review> publishedAbout(UUID subjectId, Instant after, UUID afterId, int limit) {
        JdbcClient.StatementSpec statement = jdbc.sql(
                        "SELECT " + COLUMNS + " FROM reviews WHERE subject_id = :subject AND status = 'PUBLISHED'"
                                + (after == null
                                        ? ""
                                        : " AND published_at <= :after AND (published_at, id) < (:after, :afterId)")
                                + " ORDER BY published_at DESC, id DESC LIMIT :limit")
                .param("subject", subjectId)
                .param("limit", limit);
        if (after != null) {
            statement = statement.param("after", Timestamp.from(after)).param("afterId", afterId);
        }
        return statement.query(ReviewRepository::map).list();
    }

    static Review map(ResultSet row, int number) throws SQLException {
        return new Review(
                row.getObject("id", UUID.class),
                row.getObject("contract_id", UUID.class),
                row.getObject("author_id", UUID.class),
                row.getObject("subject_id", UUID.class),
                row.getInt("rating"),
                row.getString("body"),
                ReviewStatus.valueOf(row.getString("status")),
                instant(row.getTimestamp("submitted_at")),
                instant(row.getTimestamp("published_at")),
                row.getString("reply_body"),
                instant(row.getTimestamp("replied_at")),
                row.getString("hidden_reason"),
                row.getObject("hidden_by", UUID.class),
                instant(row.getTimestamp("hidden_at")));
    }

    private static ReviewWindow mapWindow(ResultSet row, int number) throws SQLException {
        return new ReviewWindow(
                row.getObject("contract_id", UUID.class),
                row.getObject("homeowner_id", UUID.class),
                row.getObject("contractor_id", UUID.class),
                EscrowStatus.valueOf(row.getString("outcome")),
                ExitCause.valueOf(row.getString("exit_cause")),
                instant(row.getTimestamp("ended_at")),
                instant(row.getTimestamp("closes_at")),
                instant(row.getTimestamp("published_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
