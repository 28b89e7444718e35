package com.fairtradeworker.escrow;

import com.fairtradeworker.audit.AuditEntry;
import com.fairtradeworker.audit.AuditLog;
import com.fairtradeworker.escrow.Payout.PayoutStatus;
import com.fairtradeworker.escrow.Refund.RefundStatus;
import com.fairtradeworker.shared.Money;
import com.fairtradeworker.timers.DueTimers;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the payment provider reports back (its webhooks, its reconciliation), applied to escrow's own records with the
 * module's own rules. Public only so that the provider adapter in {@code escrow.stripe} can reach it: it is not meant
 * for other modules, which go through {@link EscrowApi}. Each method joins the caller's transaction (the one that
 * also records the provider's event, so an event takes effect once) and is safe to repeat.
 */
@Service
public class ProviderEvents {

    private final EscrowMovements movements;
    private final PaymentRepository payments;
    private final PayoutRepository payouts;
    private final RefundRepository refunds;
    private final PayoutProcessing payoutProcessing;
    private final Ledger ledger;
    private final DueTimers timers;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final Clock clock;

    ProviderEvents(
            EscrowMovements movements,
            PaymentRepository payments,
            PayoutRepository payouts,
            RefundRepository refunds,
            PayoutProcessing payoutProcessing,
            Ledger ledger,
            DueTimers timers,
            AuditLog audit,
            JdbcClient jdbc,
            Clock clock) {
        this.movements = movements;
        this.payments = payments;
        this.payouts = payouts;
        this.refunds = refunds;
        this.payoutProcessing = payoutProcessing;
        this.ledger = ledger;
        this.timers = timers;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * The provider's word on a payment: success funds the escrow (or refunds a late payment), failure marks it failed;
     * repeats and outcomes for a settled payment change nothing (see {@link EscrowMovements#recordPaymentOutcome}).
     * The caller has checked the amount and currency against the payment. Returns the payment's status afterwards.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public String recordPaymentOutcome(UUID paymentId, PaymentProvider.Payment outcome) {
        return movements.recordPaymentOutcome(paymentId, outcome).status().name();
    }

    /**
     * The provider's processing fee on a successful payment, the platform's cost: PROCESSING_FEES +f, PROVIDER_CASH -f,
     * once per payment (idempotency key {@code processing-fee:<payment>}). Returns false when it was recorded before.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean recordProcessingFee(UUID paymentId, Money fee, String providerReference) {
        Payment payment =
                payments.lock(paymentId).orElseThrow(() -> new IllegalStateException("No payment " + paymentId));
        String key = "processing-fee:" + paymentId;
        boolean recorded =
                jdbc.sql("SELECT count(*) FROM transactions WHERE kind = 'PROCESSING_FEE' AND idempotency_key = ?")
                                .param(key)
                                .query(Integer.class)
                                .single()
                        > 0;
        if (recorded || fee.amountMinor() <= 0) {
            return false;
        }
        String currency = fee.currency();
        ledger.post(new JournalTransaction(
                UUID.randomUUID(),
                JournalKind.PROCESSING_FEE,
                payment.contractId(),
                key,
                providerReference,
                currency,
                List.of(
                        new Posting(
                                ledger.account(LedgerAccountKind.PROCESSING_FEES, null, currency), fee.amountMinor()),
                        new Posting(
                                ledger.account(LedgerAccountKind.PROVIDER_CASH, null, currency), -fee.amountMinor()))));
        audit.record(AuditEntry.bySystem("PROCESSING_FEE_RECORDED", "contract", payment.contractId())
                .with(Map.of(
                        "payment",
                        paymentId,
                        "feeMinor",
                        fee.amountMinor(),
                        "currency",
                        currency,
                        "providerReference",
                        providerReference == null ? "" : providerReference)));
        return true;
    }

    /**
     * The provider settled a refund that {@link RefundProcessing} asked for: SUCCEEDED (the payment REFUNDED when it
     * was all of it), or FAILED (money the ledger already gave back did not reach the payer: for an admin). Only a
     * PENDING refund changes; returns whether it did.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean refundSettled(UUID refundId, String providerRefundId, boolean succeeded, String failureReason) {
        Optional<Refund> locked = refunds.lock(refundId);
        if (locked.isEmpty() || locked.get().status() != RefundStatus.PENDING) {
            return false;
        }
        Refund refund = locked.get();
        Instant now = clock.instant();
        Map<String, Object> details = new HashMap<>();
        details.put("refund", refund.id());
        details.put("amountMinor", refund.amount().amountMinor());
        details.put("currency", refund.amount().currency());
        details.put("providerRefund", providerRefundId);
        if (succeeded) {
            refunds.markSucceeded(refund.id(), providerRefundId, now);
            Payment payment = payments.findById(refund.paymentId()).orElseThrow();
            if (refund.amount().equals(payment.amount())) {
                payments.markRefunded(payment.id(), now);
            }
            audit.record(AuditEntry.bySystem("REFUND_SUCCEEDED", "contract", refund.contractId())
                    .with(details));
        } else {
            String reason = failureReason == null || failureReason.isBlank() ? "failed at the provider" : failureReason;
            jdbc.sql("""
                    UPDATE refunds SET status = 'FAILED', provider_refund_id = :providerId, failure_reason = :reason,
                                       attempts = attempts + 1, updated_at = :now
                     WHERE id = :id AND status = 'PENDING'
                    """)
                    .param("providerId", providerRefundId)
                    .param("reason", reason.length() > 1000 ? reason.substring(0, 1000) : reason)
                    .param("now", Timestamp.from(now))
                    .param("id", refund.id())
                    .update();
            timers.cancel(EscrowMovements.REFUND_DUE, refund.id());
            details.put("reason", reason);
            audit.record(AuditEntry.bySystem("REFUND_FAILED", "contract", refund.contractId())
                    .with(details));
        }
        return true;
    }

    /** The contractor's payout account can receive payouts now: every payout that waited for it becomes due. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void payoutAccountReady(UUID contractorId) {
        payoutProcessing.accountReady(contractorId);
    }

    /**
     * A transfer that paid a payout came back: reversed by the platform at the provider ({@code retry} false: an
     * admin's decision, so nothing is sent again), or failed ({@code retry} true: a new payout of the returned amount
     * is due at once, with its own ids and idempotency keys). The ledger moves the returned part back (PAYOUT kind,
     * CONTRACTOR_PAYABLE -r, PROVIDER_CASH +r, key {@code transfer-reversal:<transfer>:<total returned>}), so ledger
     * and provider agree; the payout is FAILED once all of it came back. {@code returnedTotalMinor} is the provider's
     * running total for the transfer; a repeat or an older total changes nothing. Returns whether anything changed.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean transferReturned(
            UUID payoutId, String transferId, long returnedTotalMinor, boolean retry, String reason) {
        Optional<Payout> locked = payouts.lock(payoutId);
        if (locked.isEmpty() || locked.get().status() != PayoutStatus.PAID) {
            return false;
        }
        Payout payout = locked.get();
        String currency = payout.amount().currency();
        long total = Math.min(returnedTotalMinor, payout.amount().amountMinor());
        long before = jdbc.sql("""
                        SELECT coalesce(sum(e.amount_minor), 0)
                          FROM transactions t
                          JOIN ledger_entries e ON e.transaction_id = t.id
                          JOIN ledger_accounts a ON a.id = e.ledger_account_id
                         WHERE t.kind = 'PAYOUT' AND t.idempotency_key LIKE :prefix AND a.kind = 'PROVIDER_CASH'
                        """)
                .param("prefix", "transfer-reversal:" + transferId + ":%")
                .query(Long.class)
                .single();
        long returned = total - before;
        if (returned <= 0) {
            return false;
        }
        Instant now = clock.instant();
        UUID transaction = UUID.randomUUID();
        ledger.post(new JournalTransaction(
                transaction,
                JournalKind.PAYOUT,
                payout.contractId(),
                "transfer-reversal:" + transferId + ":" + total,
                transferId,
                currency,
                List.of(
                        new Posting(
                                ledger.account(LedgerAccountKind.CONTRACTOR_PAYABLE, payout.contractorId(), currency),
                                -returned),
                        new Posting(ledger.account(LedgerAccountKind.PROVIDER_CASH, null, currency), returned))));
        boolean whole = total >= payout.amount().amountMinor();
        String why = (reason == null || reason.isBlank() ? "transfer returned" : reason);
        if (whole) {
            jdbc.sql("""
                    UPDATE payouts SET status = 'FAILED', paid_at = NULL, failure_reason = :reason, updated_at = :now
                     WHERE id = :id AND status = 'PAID'
                    """)
                    .param("reason", why.length() > 1000 ? why.substring(0, 1000) : why)
                    .param("now", Timestamp.from(now))
                    .param("id", payout.id())
                    .update();
        }
        Map<String, Object> details = new HashMap<>();
        details.put("payout", payout.id());
        details.put("transfer", transferId);
        details.put("returnedMinor", returned);
        details.put("returnedTotalMinor", total);
        details.put("currency", currency);
        details.put("reason", why);
        details.put("transaction", transaction);
        if (retry) {
            UUID again = UUID.randomUUID();
            payouts.insert(new Payout(
                    again,
                    payout.contractId(),
                    payout.contractorId(),
                    transaction,
                    new Money(returned, currency),
                    PayoutStatus.PENDING_ACCOUNT,
                    null,
                    null,
                    now));
            timers.schedule(EscrowMovements.PAYOUT_DUE, again, now);
            details.put("retryPayout", again);
        }
        audit.record(AuditEntry.bySystem(
                        retry ? "PAYOUT_TRANSFER_FAILED" : "PAYOUT_TRANSFER_REVERSED", "contract", payout.contractId())
                .with(details));
        return true;
    }
}
