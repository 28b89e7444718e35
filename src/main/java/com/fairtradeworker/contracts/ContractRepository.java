package com.fairtradeworker.contracts;

import com.fairtradeworker.shared.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code bid_contracts}. */
@Repository
class ContractRepository {

    private static final String COLUMNS = """
            id, job_id, bid_id, homeowner_id, contractor_id, amount_minor, currency, fee_rate_bps, scope_text,
            job_title, estimated_duration_days, status, status_before_dispute, transfer_group, cancellation_proposed_by,
            cancellation_proposed_at, accepted_at, funded_at, ended_at""";

    private final JdbcClient jdbc;

    ContractRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Contract contract) {
        jdbc.sql("""
                INSERT INTO bid_contracts (id, job_id, bid_id, homeowner_id, contractor_id, amount_minor, currency,
                                           fee_rate_bps, scope_text, job_title, estimated_duration_days, status,
                                           transfer_group, accepted_at, created_at, updated_at)
                VALUES (:id, :job, :bid, :homeowner, :contractor, :amount, :currency, :feeRate, :scope, :title,
                        :duration, :status, :transferGroup, :acceptedAt, :acceptedAt, :acceptedAt)
                """)
                .param("id", contract.id())
                .param("job", contract.jobId())
                .param("bid", contract.bidId())
                .param("homeowner", contract.homeownerId())
                .param("contractor", contract.contractorId())
                .param("amount", contract.amount().amountMinor())
                .param("currency", contract.amount().currency())
                .param("feeRate", contract.feeRateBps())
                .param("scope", contract.scopeText())
                .param("title", contract.jobTitle())
                .param("duration", contract.estimatedDurationDays())
                .param("status", contract.status().name())
                .param("transferGroup", contract.transferGroup())
                .param("acceptedAt", Timestamp.from(contract.acceptedAt()))
                .update();
    }

    /** Writes the state, its timestamps and a cancellation proposal; the accepted terms never change. */
    void updateState(Contract contract, Instant now) {
        jdbc.sql("""
                UPDATE bid_contracts
                   SET status = :status, status_before_dispute = :before, cancellation_proposed_by = :proposedBy,
                       cancellation_proposed_at = :proposedAt, funded_at = :fundedAt, ended_at = :endedAt,
                       updated_at = :now
                 WHERE id = :id
                """)
                .param("status", contract.status().name())
                .param(
                        "before",
                        contract.statusBeforeDispute() == null
                                ? null
                                : contract.statusBeforeDispute().name())
                .param("proposedBy", contract.cancellationProposedBy())
                .param("proposedAt", timestamp(contract.cancellationProposedAt()))
                .param("fundedAt", timestamp(contract.fundedAt()))
                .param("endedAt", timestamp(contract.endedAt()))
                .param("now", Timestamp.from(now))
                .param("id", contract.id())
                .update();
    }

    Optional<Contract> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM bid_contracts WHERE id = ?")
                .param(id)
                .query(ContractRepository::map)
                .optional();
    }

    /** Row lock for a transition; competing transitions (homeowner, funding clock, escrow) wait and see the result. */
    Optional<Contract> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM bid_contracts WHERE id = ? FOR UPDATE")
                .param(id)
                .query(ContractRepository::map)
                .optional();
    }

    /** A page of the homeowner's contracts, newest first, before the keyset (null: from the start). */
    List<Contract> pageOfHomeowner(UUID homeownerId, Instant before, UUID beforeId, int limit) {
        return page("homeowner_id", homeownerId, before, beforeId, limit);
    }

    List<Contract> pageOfContractor(UUID contractorId, Instant before, UUID beforeId, int limit) {
        return page("contractor_id", contractorId, before, beforeId, limit);
    }

    /** {@code party} is one of two fixed column names, never input; each has its (party, created_at DESC) index. */
    private List<Contract> page(String party, UUID userId, Instant before, UUID beforeId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM bid_contracts WHERE " + party + " = :user" + """
                   AND (CAST(:before AS timestamptz) IS NULL
                        OR (created_at, id) < (CAST(:before AS timestamptz), CAST(:beforeId AS uuid)))
                 ORDER BY created_at DESC, id DESC
                 LIMIT :limit
                """)
                .param("user", userId)
                .param("before", timestamp(before))
                .param("beforeId", beforeId)
                .param("limit", limit)
                .query(ContractRepository::map)
                .list();
    }

    static Contract map(ResultSet row, int number) throws SQLException {
        return new Contract(
                row.getObject("id", UUID.class),
                row.getObject("job_id", UUID.class),
                row.getObject("bid_id", UUID.class),
                row.getObject("homeowner_id", UUID.class),
                row.getObject("contractor_id", UUID.class),
                new Money(row.getLong("amount_minor"), row.getString("currency")),
                row.getInt("fee_rate_bps"),
                row.getString("scope_text"),
                row.getString("job_title"),
                (Integer) row.getObject("estimated_duration_days"),
                ContractStatus.valueOf(row.getString("status")),
                status(row.getString("status_before_dispute")),
                row.getString("transfer_group"),
                row.getObject("cancellation_proposed_by", UUID.class),
                instant(row.getTimestamp("cancellation_proposed_at")),
                instant(row.getTimestamp("accepted_at")),
                instant(row.getTimestamp("funded_at")),
                instant(row.getTimestamp("ended_at")));
    }

    private static ContractStatus status(String name) {
        return name == null ? null : ContractStatus.valueOf(name);
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
