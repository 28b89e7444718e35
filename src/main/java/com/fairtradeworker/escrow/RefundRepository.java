package com.fairtradeworker.escrow;

import com.fairtradeworker.escrow.Refund.RefundStatus;
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

/** SQL for {@code refunds}. */
@Repository
class RefundRepository {

    private static final String COLUMNS = """
            id, contract_id, payment_id, transaction_id, amount_minor, currency, status, idempotency_key,
            provider_refund_id, refunded_at, created_at""";

    private final JdbcClient jdbc;

    RefundRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Refund refund) {
        jdbc.sql("""
                INSERT INTO refunds (id, contract_id, payment_id, transaction_id, amount_minor, currency, status,
                                     idempotency_key, created_at, updated_at)
                VALUES (:id, :contract, :payment, :transaction, :amount, :currency, :status, :key, :now, :now)
                """)
                .param("id", refund.id())
                .param("contract", refund.contractId())
                .param("payment", refund.paymentId())
                .param("transaction", refund.transactionId())
                .param("amount", refund.amount().amountMinor())
                .param("currency", refund.amount().currency())
                .param("status", refund.status().name())
                .param("key", refund.idempotencyKey())
                .param("now", Timestamp.from(refund.createdAt()))
                .update();
    }

    Optional<Refund> lock(UUID refundId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM refunds WHERE id = ? FOR UPDATE")
                .param(refundId)
                .query(RefundRepository::map)
                .optional();
    }

    List<Refund> ofContract(UUID contractId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM refunds WHERE contract_id = ? ORDER BY created_at, id")
                .param(contractId)
                .query(RefundRepository::map)
                .list();
    }

    void markSucceeded(UUID refundId, String providerRefundId, Instant now) {
        jdbc.sql("""
                UPDATE refunds SET status = 'SUCCEEDED', provider_refund_id = :providerId, refunded_at = :now,
                                   attempts = attempts + 1, updated_at = :now
                 WHERE id = :id
                """)
                .param("providerId", providerRefundId)
                .param("now", Timestamp.from(now))
                .param("id", refundId)
                .update();
    }

    private static Refund map(ResultSet row, int number) throws SQLException {
        return new Refund(
                row.getObject("id", UUID.class),
                row.getObject("contract_id", UUID.class),
                row.getObject("payment_id", UUID.class),
                row.getObject("transaction_id", UUID.class),
                new Money(row.getLong("amount_minor"), row.getString("currency")),
                RefundStatus.valueOf(row.getString("status")),
                row.getString("idempotency_key"),
                row.getString("provider_refund_id"),
                EscrowRepository.instant(row.getTimestamp("refunded_at")),
                row.getTimestamp("created_at").toInstant());
    }
}
