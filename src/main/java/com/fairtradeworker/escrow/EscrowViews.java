package com.fairtradeworker.escrow;

import com.fairtradeworker.contracts.ContractStatus;
import com.fairtradeworker.escrow.PaymentProvider.ProviderName;
import com.fairtradeworker.shared.Money;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The JSON shapes of the escrow routes. Every one names the provider, so simulated money is never mistaken. */
final class EscrowViews {

    private EscrowViews() {}

    record Statement(
            UUID contractId,
            ContractStatus contractStatus,
            ProviderName provider,
            boolean simulated,
            Money contractAmount,
            int feeRateBps,
            Money platformFeeIfReleased,
            Escrow escrow,
            List<Movement> movements,
            List<PaymentView> payments,
            List<PayoutView> payouts,
            List<RefundView> refunds) {}

    record Escrow(
            EscrowStatus status,
            boolean frozen,
            Money held,
            Money funded,
            Money released,
            Money refunded,
            Instant heldAt,
            Instant closedAt) {

        static Escrow of(EscrowAccount account) {
            String currency = account.amount().currency();
            return new Escrow(
                    account.status(),
                    account.frozen(),
                    account.held(),
                    new Money(account.fundedMinor(), currency),
                    new Money(account.releasedMinor(), currency),
                    new Money(account.refundedMinor(), currency),
                    account.heldAt(),
                    account.closedAt());
        }

        static Escrow unfunded(Money amount) {
            Money zero = new Money(0, amount.currency());
            return new Escrow(EscrowStatus.UNFUNDED, false, zero, zero, zero, zero, null, null);
        }
    }

    /**
     * One journal transaction: {@code amount} is what entered or left escrow (FUND, RELEASE, REFUND, SPLIT) or what
     * was paid out to the contractor's account (PAYOUT); on exits, the fee, the contractor's part after it and the
     * payer's part; {@code heldAfter} the escrow balance after this movement.
     */
    record Movement(
            UUID transactionId,
            JournalKind kind,
            Instant occurredAt,
            Money amount,
            Money platformFee,
            Money contractorReceives,
            Money payerReceives,
            Money heldAfter,
            String providerReference) {}

    record PaymentView(
            UUID id,
            ProviderName provider,
            Payment.PaymentStatus status,
            Money amount,
            String providerPaymentId,
            String failureReason,
            Instant succeededAt,
            Instant createdAt) {

        static PaymentView of(Payment payment) {
            return new PaymentView(
                    payment.id(),
                    payment.provider(),
                    payment.status(),
                    payment.amount(),
                    payment.providerPaymentId(),
                    payment.failureReason(),
                    payment.succeededAt(),
                    payment.createdAt());
        }
    }

    record PayoutView(
            UUID id,
            Payout.PayoutStatus status,
            Money amount,
            String providerTransferId,
            Instant paidAt,
            Instant createdAt) {

        static PayoutView of(Payout payout) {
            return new PayoutView(
                    payout.id(),
                    payout.status(),
                    payout.amount(),
                    payout.providerTransferId(),
                    payout.paidAt(),
                    payout.createdAt());
        }
    }

    record RefundView(
            UUID id,
            Refund.RefundStatus status,
            Money amount,
            String providerRefundId,
            Instant refundedAt,
            Instant createdAt) {

        static RefundView of(Refund refund) {
            return new RefundView(
                    refund.id(),
                    refund.status(),
                    refund.amount(),
                    refund.providerRefundId(),
                    refund.refundedAt(),
                    refund.createdAt());
        }
    }

    /** The answer to funding: the payment, and its client secret while the payer still has to confirm it. */
    record Funded(
            ProviderName provider,
            boolean simulated,
            PaymentView payment,
            String clientSecret,
            ContractStatus contractStatus,
            Escrow escrow) {}

    record Exited(
            UUID contractId,
            ContractStatus contractStatus,
            ProviderName provider,
            boolean simulated,
            EscrowStatus outcome,
            Money toContractor,
            Money platformFee,
            Money refunded) {}

    record CancellationProposal(UUID contractId, ContractStatus contractStatus, UUID proposedBy) {}

    record PayoutAccountView(
            ProviderName provider, boolean simulated, String accountId, String onboardingUrl, boolean payoutsEnabled) {}
}
