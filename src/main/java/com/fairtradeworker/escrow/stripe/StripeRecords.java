package com.fairtradeworker.escrow.stripe;

import com.fairtradeworker.shared.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads of escrow's payment, payout and refund records by the provider's ids, for the webhooks and reconciliation. */
@Repository
class StripeRecords {

    record PaymentRecord(
            UUID id,
            UUID contractId,
            String provider,
            String providerPaymentId,
            String providerChargeId,
            Money amount,
            String status) {}

    record RefundRecord(
            UUID id, UUID contractId, UUID paymentId, Money amount, String status, String providerRefundId) {}

    record PayoutRecord(
            UUID id, UUID contractId, UUID contractorId, Money amount, String status, String providerTransferId) {}

    private static final String PAYMENT_COLUMNS =
            "id, contract_id, provider, provider_payment_id, provider_charge_id, amount_minor, currency, status";
    private static final String REFUND_COLUMNS =
            "id, contract_id, payment_id, amount_minor, currency, status, provider_refund_id";
    private static final String PAYOUT_COLUMNS =
            "id, contract_id, contractor_id, amount_minor, currency, status, provider_transfer_id";

    private final JdbcClient jdbc;

    StripeRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<PaymentRecord> paymentByProviderId(String providerPaymentId) {
        return jdbc.sql("SELECT " + PAYMENT_COLUMNS + " FROM payments WHERE provider_payment_id = ?")
                .param(providerPaymentId)
                .query(StripeRecords::payment)
                .optional();
    }

    Optional<PaymentRecord> paymentById(UUID paymentId) {
        return jdbc.sql("SELECT " + PAYMENT_COLUMNS + " FROM payments WHERE id = ?")
                .param(paymentId)
                .query(StripeRecords::payment)
                .optional();
    }

    Optional<PaymentRecord> paymentByCharge(String chargeId) {
        return jdbc.sql("SELECT " + PAYMENT_COLUMNS + " FROM payments WHERE provider_charge_id = ?")
                .param(chargeId)
                .query(StripeRecords::payment)
                .optional();
    }

    List<RefundRecord> refundsOfPayment(UUID paymentId) {
        return jdbc.sql("SELECT " + REFUND_COLUMNS + " FROM refunds WHERE payment_id = ? ORDER BY created_at, id")
                .param(paymentId)
                .query((row, number) -> new RefundRecord(
                        row.getObject("id", UUID.class),
                        row.getObject("contract_id", UUID.class),
                        row.getObject("payment_id", UUID.class),
                        money(row),
                        row.getString("status"),
                        row.getString("provider_refund_id")))
                .list();
    }

    Optional<PayoutRecord> payoutByTransfer(String transferId) {
        return jdbc.sql("SELECT " + PAYOUT_COLUMNS + " FROM payouts WHERE provider_transfer_id = ?")
                .param(transferId)
                .query(StripeRecords::payout)
                .optional();
    }

    Optional<PayoutRecord> payoutById(UUID payoutId) {
        return jdbc.sql("SELECT " + PAYOUT_COLUMNS + " FROM payouts WHERE id = ?")
                .param(payoutId)
                .query(StripeRecords::payout)
                .optional();
    }

    private static PaymentRecord payment(ResultSet row, int number) throws SQLException {
        return new PaymentRecord(
                row.getObject("id", UUID.class),
                row.getObject("contract_id", UUID.class),
                row.getString("provider"),
                row.getString("provider_payment_id"),
                row.getString("provider_charge_id"),
                money(row),
                row.getString("status"));
    }

    private static PayoutRecord payout(ResultSet row, int number) throws SQLException {
        return new PayoutRecord(
                row.getObject("id", UUID.class),
                row.getObject("contract_id", UUID.class),
                row.getObject("contractor_id", UUID.class),
                money(row),
                row.getString("status"),
                row.getString("provider_transfer_id"));
    }

    private static Money money(ResultSet row) throws SQLException {
        return new Money(row.getLong("amount_minor"), row.getString("currency"));
    }
}
