package com.fairtradeworker.escrow;

import com.fairtradeworker.escrow.Payment.PaymentStatus;
import com.fairtradeworker.escrow.PaymentProvider.ProviderName;
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

/** SQL for {@code payments}. */
@Repository
class PaymentRepository {

    record ProviderUpdate(
            String providerPaymentId,
            String chargeId,
            PaymentStatus status,
            String failureReason,
            Instant succeededAt) {}

    private static final String COLUMNS = """
            id, contract_id, provider, provider_payment_id, amount_minor, currency, status, idempotency_key,
            provider_charge_id, failure_reason, succeeded_at, created_at""";

    private final JdbcClient jdbc;

    PaymentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Payment payment) {
        jdbc.sql("""
                INSERT INTO payments (id, contract_id, provider, amount_minor, currency, status, idempotency_key,
                                      created_at, updated_at)
                VALUES (:id, :contract, :provider, :amount, :currency, :status, :key, :now, :now)
                """)
                .param("id", payment.id())
                .param("contract", payment.contractId())
                .param("provider", payment.provider().name())
                .param("amount", payment.amount().amountMinor())
                .param("currency", payment.amount().currency())
                .param("status", payment.status().name())
                .param("key", payment.idempotencyKey())
                .param("now", Timestamp.from(payment.createdAt()))
                .update();
    }

    /** The contract's pending, processing or succeeded payment (at most one, by a unique index). */
    Optional<Payment> live(UUID contractId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payments WHERE contract_id = ?"
                        + " AND status IN ('PENDING', 'PROCESSING', 'SUCCEEDED')")
                .param(contractId)
                .query(PaymentRepository::map)
                .optional();
    }

    Optional<Payment> findById(UUID paymentId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payments WHERE id = ?")
                .param(paymentId)
                .query(PaymentRepository::map)
                .optional();
    }

    /** The payment that funded the contract's escrow. */
    Optional<Payment> succeeded(UUID contractId) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM payments WHERE contract_id = ? AND status IN ('SUCCEEDED', 'REFUNDED')")
                .param(contractId)
                .query(PaymentRepository::map)
                .optional();
    }

    void markRefunded(UUID paymentId, Instant now) {
        jdbc.sql("UPDATE payments SET status = 'REFUNDED', updated_at = ? WHERE id = ? AND status = 'SUCCEEDED'")
                .params(Timestamp.from(now), paymentId)
                .update();
    }

    List<Payment> ofContract(UUID contractId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payments WHERE contract_id = ? ORDER BY created_at, id")
                .param(contractId)
                .query(PaymentRepository::map)
                .list();
    }

    int countOfContract(UUID contractId) {
        return jdbc.sql("SELECT count(*) FROM payments WHERE contract_id = ?")
                .param(contractId)
                .query(Integer.class)
                .single();
    }

    Optional<Payment> lock(UUID paymentId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payments WHERE id = ? FOR UPDATE")
                .param(paymentId)
                .query(PaymentRepository::map)
                .optional();
    }

    Optional<Payment> findByProviderId(String providerPaymentId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payments WHERE provider_payment_id = ?")
                .param(providerPaymentId)
                .query(PaymentRepository::map)
                .optional();
    }

    /** Records what the provider said; ids once known are kept. */
    void update(UUID paymentId, ProviderUpdate update, Instant now) {
        jdbc.sql("""
                UPDATE payments
                   SET provider_payment_id = coalesce(:providerId, provider_payment_id),
                       provider_charge_id = coalesce(:chargeId, provider_charge_id), status = :status,
                       failure_reason = :failure, succeeded_at = coalesce(:succeededAt, succeeded_at),
                       updated_at = :now
                 WHERE id = :id
                """)
                .param("providerId", update.providerPaymentId())
                .param("chargeId", update.chargeId())
                .param("status", update.status().name())
                .param("failure", update.failureReason())
                .param("succeededAt", EscrowRepository.timestamp(update.succeededAt()))
                .param("now", Timestamp.from(now))
                .param("id", paymentId)
                .update();
    }

    private static Payment map(ResultSet row, int number) throws SQLException {
        return new Payment(
                row.getObject("id", UUID.class),
                row.getObject("contract_id", UUID.class),
                ProviderName.valueOf(row.getString("provider")),
                row.getString("provider_payment_id"),
                row.getString("provider_charge_id"),
                new Money(row.getLong("amount_minor"), row.getString("currency")),
                PaymentStatus.valueOf(row.getString("status")),
                row.getString("idempotency_key"),
                row.getString("failure_reason"),
                EscrowRepository.instant(row.getTimestamp("succeeded_at")),
                row.getTimestamp("created_at").toInstant());
    }
}
