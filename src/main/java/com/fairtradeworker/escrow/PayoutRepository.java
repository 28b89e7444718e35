package com.fairtradeworker.escrow;

import com.fairtradeworker.escrow.Payout.PayoutStatus;
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

/** SQL for {@code payouts}. */
@Repository
class PayoutRepository {

    private static final String COLUMNS = """
            id, contract_id, contractor_id, release_transaction_id, amount_minor, currency, status,
            provider_transfer_id, paid_at, created_at""";

    private final JdbcClient jdbc;

    PayoutRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Payout payout) {
        jdbc.sql("""
                INSERT INTO payouts (id, contract_id, contractor_id, release_transaction_id, amount_minor, currency,
                                     status, created_at, updated_at)
                VALUES (:id, :contract, :contractor, :release, :amount, :currency, :status, :now, :now)
                """)
                .param("id", payout.id())
                .param("contract", payout.contractId())
                .param("contractor", payout.contractorId())
                .param("release", payout.releaseTransactionId())
                .param("amount", payout.amount().amountMinor())
                .param("currency", payout.amount().currency())
                .param("status", payout.status().name())
                .param("now", Timestamp.from(payout.createdAt()))
                .update();
    }

    Optional<Payout> lock(UUID payoutId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payouts WHERE id = ? FOR UPDATE")
                .param(payoutId)
                .query(PayoutRepository::map)
                .optional();
    }

    List<Payout> ofContract(UUID contractId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payouts WHERE contract_id = ? ORDER BY created_at, id")
                .param(contractId)
                .query(PayoutRepository::map)
                .list();
    }

    List<UUID> waitingForAccount(UUID contractorId) {
        return jdbc.sql("SELECT id FROM payouts WHERE contractor_id = ? AND status = 'PENDING_ACCOUNT'")
                .param(contractorId)
                .query(UUID.class)
                .list();
    }

    void markPaid(UUID payoutId, String transferId, UUID payoutTransactionId, Instant now) {
        jdbc.sql("""
                UPDATE payouts
                   SET status = 'PAID', provider_transfer_id = :transfer, payout_transaction_id = :transaction,
                       paid_at = :now, updated_at = :now
                 WHERE id = :id
                """)
                .param("transfer", transferId)
                .param("transaction", payoutTransactionId)
                .param("now", Timestamp.from(now))
                .param("id", payoutId)
                .update();
    }

    private static Payout map(ResultSet row, int number) throws SQLException {
        return new Payout(
                row.getObject("id", UUID.class),
                row.getObject("contract_id", UUID.class),
                row.getObject("contractor_id", UUID.class),
                row.getObject("release_transaction_id", UUID.class),
                new Money(row.getLong("amount_minor"), row.getString("currency")),
                PayoutStatus.valueOf(row.getString("status")),
                row.getString("provider_transfer_id"),
                EscrowRepository.instant(row.getTimestamp("paid_at")),
                row.getTimestamp("created_at").toInstant());
    }
}
