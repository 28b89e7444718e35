package com.fairtradeworker.escrow;

import com.fairtradeworker.contracts.ContractSnapshot;
import com.fairtradeworker.contracts.ContractStatus;
import com.fairtradeworker.contracts.ContractsApi;
import com.fairtradeworker.escrow.Payment.PaymentStatus;
import com.fairtradeworker.identity.IdentityApi;
import com.fairtradeworker.shared.NotFoundException;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The homeowner funds the contract's escrow. One transaction, under the contract's row lock: concurrent attempts run
 * one after the other, reuse the contract's one live payment (a unique index stands behind that), and call the provider
 * with that payment's idempotency key, so however often funding is retried there is one payment and one charge. The
 * escrow is HELD only when the provider reports success: at once with the simulated provider, later (by webhook) when
 * the payer confirms in the browser with the returned client secret.
 */
@Service
class Funding {

    /** The payment as the payer sees it, with the client secret the browser confirms it with (null once settled). */
    record FundingResult(Payment payment, String clientSecret) {}

    private final ContractsApi contracts;
    private final EscrowMovements movements;
    private final PaymentRepository payments;
    private final PaymentProvider provider;
    private final IdentityApi identity;
    private final Clock clock;

    Funding(
            ContractsApi contracts,
            EscrowMovements movements,
            PaymentRepository payments,
            PaymentProvider provider,
            IdentityApi identity,
            Clock clock) {
        this.contracts = contracts;
        this.movements = movements;
        this.payments = payments;
        this.provider = provider;
        this.identity = identity;
        this.clock = clock;
    }

    @Transactional
    FundingResult fund(UUID homeownerId, UUID contractId) {
        ContractSnapshot contract = contracts
                .lock(contractId)
                .filter(found -> found.homeownerId().equals(homeownerId))
                .orElseThrow(() -> new NotFoundException("contract"));
        identity.requireVerifiedEmail(homeownerId);
        if (contract.status() != ContractStatus.PENDING_FUNDING) {
            throw new ProblemException(
                    ProblemType.STATE_CONFLICT,
                    "The contract is " + contract.status() + "; only a contract waiting for funding can be funded.",
                    Map.of("status", contract.status()));
        }
        movements.openEscrow(contract);
        Payment payment = payments.live(contractId).orElseGet(() -> newPayment(contract));
        PaymentProvider.Payment outcome;
        try {
            outcome = provider.createPayment(new PaymentProvider.PaymentRequest(
                    contractId,
                    payment.id(),
                    payment.amount(),
                    contract.transferGroup(),
                    payment.idempotencyKey(),
                    Map.of(
                            "contract_id",
                            contractId.toString(),
                            "payment_id",
                            payment.id().toString())));
        } catch (PaymentProviderException unavailable) {
            throw new ProblemException(
                    ProblemType.SERVICE_UNAVAILABLE,
                    "The payment provider did not answer; nothing was charged twice. Retry with the same"
                            + " Idempotency-Key.");
        }
        Payment recorded = movements.recordPaymentOutcome(payment.id(), outcome);
        if (recorded.status() == PaymentStatus.FAILED) {
            throw new ProblemException(
                    ProblemType.PAYMENT_FAILED, recorded.failureReason(), Map.of("paymentStatus", recorded.status()));
        }
        return new FundingResult(
                recorded, recorded.status() == PaymentStatus.SUCCEEDED ? null : outcome.clientSecret());
    }

    private Payment newPayment(ContractSnapshot contract) {
        int attempt = payments.countOfContract(contract.id()) + 1;
        Payment payment = new Payment(
                UUID.randomUUID(),
                contract.id(),
                provider.name(),
                null,
                null,
                contract.amount(),
                PaymentStatus.PENDING,
                "fund:" + contract.id() + ":" + attempt,
                null,
                null,
                clock.instant());
        payments.insert(payment);
        return payment;
    }
}
