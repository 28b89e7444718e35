package com.fairtradeworker.escrow;

import com.fairtradeworker.audit.AuditEntry;
import com.fairtradeworker.audit.AuditLog;
import com.fairtradeworker.escrow.Refund.RefundStatus;
import com.fairtradeworker.timers.TimerHandler;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Refunds the payer at the provider after the ledger has moved the money back (idempotency key
 * {@code refund:<journal transaction>}, so a retry never refunds twice). Runs on the timers' poller; a provider failure
 * rolls back and the timer retries.
 */
@Component
class RefundProcessing implements TimerHandler {

    private final RefundRepository refunds;
    private final PaymentRepository payments;
    private final PaymentProvider provider;
    private final AuditLog audit;
    private final Clock clock;

    RefundProcessing(
            RefundRepository refunds,
            PaymentRepository payments,
            PaymentProvider provider,
            AuditLog audit,
            Clock clock) {
        this.refunds = refunds;
        this.payments = payments;
        this.provider = provider;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return EscrowMovements.REFUND_DUE;
    }

    @Override
    public void onDue(UUID refundId, Instant dueAt) {
        Optional<Refund> locked = refunds.lock(refundId);
        if (locked.isEmpty() || locked.get().status() != RefundStatus.PENDING) {
            return;
        }
        Refund refund = locked.get();
        Payment payment = payments.findById(refund.paymentId()).orElseThrow();
        PaymentProvider.Refund done = provider.refund(new PaymentProvider.RefundRequest(
                refund.id(), payment.providerPaymentId(), refund.amount(), refund.idempotencyKey()));
        if (!done.succeeded()) {
            throw new PaymentProviderException("Refund " + refund.id() + " not done yet: " + done.failureReason());
        }
        Instant now = clock.instant();
        refunds.markSucceeded(refund.id(), done.id(), now);
        if (refund.amount().equals(payment.amount())) {
            payments.markRefunded(payment.id(), now);
        }
        audit.record(AuditEntry.bySystem("REFUND_SUCCEEDED", "contract", refund.contractId())
                .with(Map.of(
                        "refund", refund.id(),
                        "amountMinor", refund.amount().amountMinor(),
                        "currency", refund.amount().currency(),
                        "providerRefund", done.id())));
    }
}
