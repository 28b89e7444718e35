package com.fairtradeworker.bidding;

import com.fairtradeworker.shared.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code bids} and {@code bid_revisions}. */
@Repository
class BidRepository {

    private static final String COLUMNS = """
            id, job_id, contractor_id, amount_minor, currency, proposal, estimated_duration_days, earliest_start,
            fee_rate_bps, status, revision, submitted_at, updated_at, decided_at, withdrawn_at""";

    /** Arbitrary namespace for this module's advisory locks (the first key of the two-key form). */
    private static final int CONTRACTOR_LOCK_NAMESPACE = 0x42_49_44; // "BID"

    /** A bid just rejected: what its event and audit row need. */
    record Rejected(UUID bidId, UUID contractorId) {}

    private final JdbcClient jdbc;

    BidRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a new bid and its revision 1. */
    void insert(Bid bid) {
        jdbc.sql("""
                INSERT INTO bids (id, job_id, contractor_id, amount_minor, currency, proposal, estimated_duration_days,
                                  earliest_start, fee_rate_bps, status, revision, submitted_at, created_at, updated_at)
                VALUES (:id, :job, :contractor, :amount, :currency, :proposal, :duration, :earliestStart, :feeRate,
                        :status, :revision, :submittedAt, :submittedAt, :submittedAt)
                """)
                .param("id", bid.id())
                .param("job", bid.jobId())
                .param("contractor", bid.contractorId())
                .param("amount", bid.terms().amount().amountMinor())
                .param("currency", bid.terms().amount().currency())
                .param("proposal", bid.terms().proposal())
                .param("duration", bid.terms().estimatedDurationDays())
                .param("earliestStart", bid.terms().earliestStart())
                .param("feeRate", bid.feeRateBps())
                .param("status", bid.status().name())
                .param("revision", bid.revision())
                .param("submittedAt", Timestamp.from(bid.submittedAt()))
                .update();
        insertRevision(bid);
    }

    /** Keeps the bid's current terms as its newest revision. */
    void insertRevision(Bid bid) {
        jdbc.sql("""
                INSERT INTO bid_revisions (bid_id, revision, amount_minor, currency, proposal, estimated_duration_days,
                                           earliest_start, fee_rate_bps, created_at)
                VALUES (:bid, :revision, :amount, :currency, :proposal, :duration, :earliestStart, :feeRate, :now)
                """)
                .param("bid", bid.id())
                .param("revision", bid.revision())
                .param("amount", bid.terms().amount().amountMinor())
                .param("currency", bid.terms().amount().currency())
                .param("proposal", bid.terms().proposal())
                .param("duration", bid.terms().estimatedDurationDays())
                .param("earliestStart", bid.terms().earliestStart())
                .param("feeRate", bid.feeRateBps())
                .param("now", Timestamp.from(bid.updatedAt()))
                .update();
    }

    /** Writes the terms, the state and its timestamps. */
    void update(Bid bid) {
        jdbc.sql("""
                UPDATE bids SET amount_minor = :amount, currency = :currency, proposal = :proposal,
                       estimated_duration_days = :duration, earliest_start = :earliestStart, status = :status,
                       revision = :revision, decided_at = :decidedAt, withdrawn_at = :withdrawnAt, updated_at = :now
                 WHERE id = :id
                """)
                .param("amount", bid.terms().amount().amountMinor())
                .param("currency", bid.terms().amount().currency())
                .param("proposal", bid.terms().proposal())
                .param("duration", bid.terms().estimatedDurationDays())
                .param("earliestStart", bid.terms().earliestStart())
                .param("status", bid.status().name())
                .param("revision", bid.revision())
                .param("decidedAt", timestamp(bid.decidedAt()))
                .param("withdrawnAt", timestamp(bid.withdrawnAt()))
                .param("now", Timestamp.from(bid.updatedAt()))
                .param("id", bid.id())
                .update();
    }

    /**
     * SUBMITTED -> REJECTED for every live bid on the job but {@code keep} (null: all of them), in one statement that
     * row-locks what it changes; returns the rejected bids.
     */
    List<Rejected> rejectSubmitted(UUID jobId, UUID keep, Instant now) {
        return jdbc.sql("""
                UPDATE bids SET status = 'REJECTED', decided_at = :now, updated_at = :now
                 WHERE job_id = :job AND status = 'SUBMITTED' AND id IS DISTINCT FROM CAST(:keep AS uuid)
                RETURNING id, contractor_id
                """)
                .param("now", Timestamp.from(now))
                .param("job", jobId)
                .param("keep", keep)
                .query((row, number) ->
                        new Rejected(row.getObject("id", UUID.class), row.getObject("contractor_id", UUID.class)))
                .list();
    }

    Optional<Bid> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM bids WHERE id = ?")
                .param(id)
                .query(BidRepository::map)
                .optional();
    }

    /** Row lock for a transition; taken after the job's lock, never before, so acceptance and changes cannot deadlock. */
    Optional<Bid> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM bids WHERE id = ? FOR UPDATE")
                .param(id)
                .query(BidRepository::map)
                .optional();
    }

    Optional<Bid> findByJobAndContractor(UUID jobId, UUID contractorId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM bids WHERE job_id = ? AND contractor_id = ?")
                .params(jobId, contractorId)
                .query(BidRepository::map)
                .optional();
    }

    /** A page of the job's bids in submission order, after the keyset (null: from the start). */
    List<Bid> pageOfJob(UUID jobId, Instant afterSubmittedAt, UUID afterId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM bids
                 WHERE job_id = :job
                   AND (CAST(:afterAt AS timestamptz) IS NULL OR (submitted_at, id) > (CAST(:afterAt AS timestamptz), CAST(:afterId AS uuid)))
                 ORDER BY submitted_at, id
                 LIMIT :limit
                """)
                .param("job", jobId)
                .param("afterAt", timestamp(afterSubmittedAt))
                .param("afterId", afterId)
                .param("limit", limit)
                .query(BidRepository::map)
                .list();
    }

    /**
     * A page of the contractor's own bids, newest first, after the keyset (null: from the start). A bid's created_at is
     * its submitted_at (both written once, at insert), so the page runs on {@code bids_contractor_idx}.
     */
    List<Bid> pageOfContractor(UUID contractorId, Instant beforeSubmittedAt, UUID beforeId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM bids
                 WHERE contractor_id = :contractor
                   AND (CAST(:beforeAt AS timestamptz) IS NULL OR (created_at, id) < (CAST(:beforeAt AS timestamptz), CAST(:beforeId AS uuid)))
                 ORDER BY created_at DESC, id DESC
                 LIMIT :limit
                """)
                .param("contractor", contractorId)
                .param("beforeAt", timestamp(beforeSubmittedAt))
                .param("beforeId", beforeId)
                .param("limit", limit)
                .query(BidRepository::map)
                .list();
    }

    /** Live bids (SUBMITTED or ACCEPTED) on the job and the lowest live amount: for the homeowner and admins only. */
    LiveBidStats liveStats(UUID jobId, String currency) {
        return jdbc.sql("""
                SELECT count(*) AS live, min(amount_minor) AS lowest
                  FROM bids WHERE job_id = ? AND status IN ('SUBMITTED', 'ACCEPTED')
                """)
                .param(jobId)
                .query((row, number) -> new LiveBidStats(
                        row.getInt("live"),
                        row.getObject("lowest") == null ? null : new Money(row.getLong("lowest"), currency)))
                .single();
    }

    List<BidRevision> revisions(UUID bidId) {
        return jdbc.sql("""
                SELECT revision, amount_minor, currency, proposal, estimated_duration_days, earliest_start,
                       fee_rate_bps, created_at
                  FROM bid_revisions WHERE bid_id = ? ORDER BY revision
                """)
                .param(bidId)
                .query((row, number) -> new BidRevision(
                        row.getInt("revision"),
                        terms(row),
                        row.getInt("fee_rate_bps"),
                        row.getTimestamp("created_at").toInstant()))
                .list();
    }

    /**
     * Serialises one contractor's bid placements (the daily cap counts, and a second bid on the same job sees the
     * first) without touching any other module's rows; released at commit.
     */
    void lockContractor(UUID contractorId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(:namespace, hashtext(CAST(:contractor AS text)))")
                .param("namespace", CONTRACTOR_LOCK_NAMESPACE)
                .param("contractor", contractorId)
                .query((row, number) -> 1)
                .single();
    }

    /** The contractor's bids placed since the moment, oldest first (only their times). */
    List<Instant> placedSince(UUID contractorId, Instant since) {
        return jdbc.sql("SELECT created_at FROM bids WHERE contractor_id = ? AND created_at >= ? ORDER BY created_at")
                .params(contractorId, Timestamp.from(since))
                .query((row, number) -> row.getTimestamp("created_at").toInstant())
                .list();
    }

    static Bid map(ResultSet row, int number) throws SQLException {
        return new Bid(
                row.getObject("id", UUID.class),
                row.getObject("job_id", UUID.class),
                row.getObject("contractor_id", UUID.class),
                terms(row),
                row.getInt("fee_rate_bps"),
                BidStatus.valueOf(row.getString("status")),
                row.getInt("revision"),
                instant(row.getTimestamp("submitted_at")),
                instant(row.getTimestamp("updated_at")),
                instant(row.getTimestamp("decided_at")),
                instant(row.getTimestamp("withdrawn_at")));
    }

    /** Stored terms passed every check when written, so they are rebuilt without validating again. */
    private static BidTerms terms(ResultSet row) throws SQLException {
        return new BidTerms(
                new Money(row.getLong("amount_minor"), row.getString("currency")),
                row.getString("proposal"),
                row.getInt("estimated_duration_days"),
                row.getObject("earliest_start", LocalDate.class));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
