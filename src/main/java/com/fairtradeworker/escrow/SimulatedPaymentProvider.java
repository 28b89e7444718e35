package com.fairtradeworker.escrow;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The development stand-in when no Stripe key is set: payments succeed at once, transfers and refunds too, payout
 * accounts can receive payouts as soon as they are connected. No money moves anywhere. Ids are derived from the
 * idempotency key, so a retried call returns the same object, as Stripe's would. Every log line starts with
 * {@value #MARKER}, every response names the provider SIMULATED, and production refuses it (see the constructor and
 * the start-up configuration check).
 */
class SimulatedPaymentProvider implements PaymentProvider {

    static final String MARKER = "SIMULATED PAYMENT PROVIDER";
    private static final Logger log = LoggerFactory.getLogger(SimulatedPaymentProvider.class);

    SimulatedPaymentProvider(String appEnv) {
        if ("production".equalsIgnoreCase(appEnv)) {
            throw new IllegalStateException(MARKER + " refused in production: set STRIPE_SECRET_KEY");
        }
        log.warn("{}: no STRIPE_SECRET_KEY is set, so payments succeed at once and no money moves", MARKER);
    }

    @Override
    public ProviderName name() {
        return ProviderName.SIMULATED;
    }

    @Override
    public Payment createPayment(PaymentRequest request) {
        String id = "sim_pi_" + derived(request.idempotencyKey());
        log.info("{}: payment {} of {} for contract {} succeeded", MARKER, id, request.amount(), request.contractId());
        return new Payment(
                id,
                PaymentStatus.SUCCEEDED,
                request.amount(),
                id + "_secret_simulated",
                "sim_ch_" + derived(request.idempotencyKey()),
                null);
    }

    @Override
    public Payment retrievePayment(String providerPaymentId) {
        throw new PaymentProviderException(MARKER + " keeps no payments to retrieve");
    }

    @Override
    public Transfer transfer(TransferRequest request) {
        String id = "sim_tr_" + derived(request.idempotencyKey());
        log.info("{}: transfer {} of {} to {}", MARKER, id, request.amount(), request.destinationAccountId());
        return new Transfer(id);
    }

    @Override
    public Refund refund(RefundRequest request) {
        String id = "sim_re_" + derived(request.idempotencyKey());
        log.info("{}: refund {} of {} on payment {}", MARKER, id, request.amount(), request.providerPaymentId());
        return new Refund(id, true, null);
    }

    @Override
    public PayoutAccountLink payoutAccountLink(PayoutAccountRequest request) {
        String id = request.existingAccountId() != null
                ? request.existingAccountId()
                : "sim_acct_" + derived("account:" + request.contractorId());
        log.info("{}: payout account {} can receive payouts", MARKER, id);
        return new PayoutAccountLink(id, null, true);
    }

    private static String derived(String key) {
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8))
                .toString()
                .replace("-", "");
    }
}
