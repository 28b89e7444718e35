package com.fairtradeworker.escrow;

import com.fairtradeworker.shared.Money;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The payment provider, shaped after Stripe: a payment is a PaymentIntent created on the server and confirmed in the
 * browser with its client secret (card data never reaches us); money reaches a contractor by a Transfer to their
 * connected account, tied to the charge ({@code source_transaction}) and the contract's {@code transfer_group}; money
 * goes back by a Refund of the payment, in full or in part. Every call carries an idempotency key derived from the
 * operation, so a retry after a time-out never charges, transfers or refunds twice. Implementations throw
 * {@link PaymentProviderException} when the provider cannot be reached or refuses.
 */
public interface PaymentProvider {

    ProviderName name();

    default boolean simulated() {
        return name() == ProviderName.SIMULATED;
    }

    /**
     * This provider as {@code type}, when it is one: the Stripe-only operations (re-reading objects for webhooks,
     * reconciliation) ask for Stripe's adapter this way, so a provider that wraps another (the test suite's) can answer
     * for what it wraps.
     */
    default <T> Optional<T> unwrap(Class<T> type) {
        return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
    }

    Payment createPayment(PaymentRequest request);

    Payment retrievePayment(String providerPaymentId);

    Transfer transfer(TransferRequest request);

    Refund refund(RefundRequest request);

    /** Creates (or continues) the contractor's payout-account onboarding. */
    PayoutAccountLink payoutAccountLink(PayoutAccountRequest request);

    /** Matches {@code payments.provider}. */
    enum ProviderName {
        SIMULATED,
        STRIPE
    }

    enum PaymentStatus {
        /** Waiting for the payer to confirm in the browser (Stripe: requires_payment_method / requires_action). */
        REQUIRES_CONFIRMATION,
        PROCESSING,
        SUCCEEDED,
        FAILED,
        CANCELLED
    }

    record PaymentRequest(
            UUID contractId,
            UUID paymentId,
            Money amount,
            String transferGroup,
            String idempotencyKey,
            Map<String, String> metadata) {}

    /** A payment as the provider knows it; {@code chargeId} is the successful charge, the transfers' source. */
    record Payment(
            String id,
            PaymentStatus status,
            Money amount,
            String clientSecret,
            String chargeId,
            String failureReason) {}

    record TransferRequest(
            UUID payoutId,
            String destinationAccountId,
            Money amount,
            String sourceChargeId,
            String transferGroup,
            String idempotencyKey) {}

    record Transfer(String id) {}

    record RefundRequest(UUID refundId, String providerPaymentId, Money amount, String idempotencyKey) {}

    record Refund(String id, boolean succeeded, String failureReason) {}

    record PayoutAccountRequest(UUID contractorId, String existingAccountId, URI returnUrl, URI refreshUrl) {}

    /** {@code onboardingUrl} is where the contractor completes onboarding; null once nothing is left to do. */
    record PayoutAccountLink(String accountId, URI onboardingUrl, boolean payoutsEnabled) {}
}
