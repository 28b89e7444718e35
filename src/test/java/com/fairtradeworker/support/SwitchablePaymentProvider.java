package com.fairtradeworker.support;

import com.fairtradeworker.escrow.PaymentProvider;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The suite's payment provider: the application's own (the simulated one, as no Stripe key is configured) unless a
 * test switches to another, such as a Stripe adapter pointed at an in-process stand-in, so the real routes, timers and
 * webhooks run the Stripe path end to end. Tests that switch must {@link #reset()} afterwards.
 */
public final class SwitchablePaymentProvider implements PaymentProvider {

    private final PaymentProvider configured;
    private final AtomicReference<PaymentProvider> current;

    SwitchablePaymentProvider(PaymentProvider configured) {
        this.configured = configured;
        this.current = new AtomicReference<>(configured);
    }

    public void use(PaymentProvider provider) {
        current.set(provider);
    }

    public void reset() {
        current.set(configured);
    }

    @Override
    public ProviderName name() {
        return current.get().name();
    }

    @Override
    public boolean simulated() {
        return current.get().simulated();
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        return current.get().unwrap(type);
    }

    @Override
    public Payment createPayment(PaymentRequest request) {
        return current.get().createPayment(request);
    }

    @Override
    public Payment retrievePayment(String providerPaymentId) {
        return current.get().retrievePayment(providerPaymentId);
    }

    @Override
    public Transfer transfer(TransferRequest request) {
        return current.get().transfer(request);
    }

    @Override
    public Refund refund(RefundRequest request) {
        return current.get().refund(request);
    }

    @Override
    public PayoutAccountLink payoutAccountLink(PayoutAccountRequest request) {
        return current.get().payoutAccountLink(request);
    }
}
