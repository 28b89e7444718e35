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
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The homeowner funds the contract's escrow, in three steps so that no database connection or row lock is held while
 * the payment provider answers (Stripe may take seconds):
 *
 * <ol>
 *   <li>{@link #prepare}, a short transaction under the contract's row lock: the checks, the escrow opened, and the
 *       contract's one live payment found or created (a unique index stands behind that) and committed, with its
 *       idempotency key;
 *   <li>{@link #charge}, outside any transaction: the provider is asked for that payment with that key, so however
 *       often funding is retried or raced there is one payment and one charge;
 *   <li>{@link #record}, in the caller's transaction (the idempotent request's, which stores the response with it),
 *       under the contract's lock again: the outcome is recorded, and a payment that another request already settled
 *       answers 409.
 * </ol>
 *
 * The escrow is HELD only when the provider reports success: at once with the simulated provider, later (by webhook)
 * when the payer confirms in the browser with the returned client secret.
 */
@Service
class Funding {

    /** The payment as the payer sees it, with the client secret the browser confirms it with (null once settled). */
    record FundingResult(Payment payment, String clientSecret) {}

    /** The contract's payment, committed and ready to be asked of the provider. */
    record PreparedPayment(UUID contractId, UUID paymentId, PaymentProvider.PaymentRequest request) {}

    /** The payment and what the provider answered for it. */
    record ChargedPayment(PreparedPayment prepared, PaymentProvider.Payment outcome) {}

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
    PreparedPayment prepare(UUID homeownerId, UUID contractId) {
        ContractSnapshot contract = contracts
                .lock(contractId)
                .filter(found -> found.homeownerId().equals(homeownerId))
                .orElseThrow(() -> new NotFoundException("contract"));
        identity.requireVerifiedEmail(homeownerId);
        requireWaitingForFunding(contract);
        movements.openEscrow(contract);
        Payment payment = payments.live(contractId).orElseGet(() -> newPayment(contract));
        return new PreparedPayment(
                contractId,
                payment.id(),
                new PaymentProvider.PaymentRequest(
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
    }

    /** Asks the provider for the payment; refused inside a transaction, which would be held for the whole call. */
    ChargedPayment charge(PreparedPayment prepared) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("The payment provider is called outside any transaction");
        }
        try {
            return new ChargedPayment(prepared, provider.createPayment(prepared.request()));
        } catch (PaymentProviderException unavailable) {
            throw new ProblemException(
                    ProblemType.SERVICE_UNAVAILABLE,
                    "The payment provider did not answer; nothing was charged twice. Retry with the same"
                            + " Idempotency-Key.");
        }
    }

    @Transactional
    FundingResult record(ChargedPayment charged) {
        PreparedPayment prepared = charged.prepared();
        PaymentProvider.Payment outcome = charged.outcome();
        ContractSnapshot contract = contracts.lock(prepared.contractId()).orElseThrow();
        Payment before = payments.findById(prepared.paymentId()).orElseThrow();
        if (before.status() == PaymentStatus.SUCCEEDED || outcome.status() != PaymentProvider.PaymentStatus.SUCCEEDED) {
            // Settled by a concurrent request, or the contract moved on while the provider answered (a payment that
            // did succeed is still recorded below, and refunded if the contract no longer waits for it).
            requireWaitingForFunding(contract);
        }
        Payment recorded = movements.recordPaymentOutcome(prepared.paymentId(), outcome);
        if (recorded.status() == PaymentStatus.FAILED) {
            throw new ProblemException(
                    ProblemType.PAYMENT_FAILED, recorded.failureReason(), Map.of("paymentStatus", recorded.status()));
        }
        return new FundingResult(
                recorded, recorded.status() == PaymentStatus.SUCCEEDED ? null : outcome.clientSecret());
    }

    private static void requireWaitingForFunding(ContractSnapshot contract) {
        if (contract.status() != ContractStatus.PENDING_FUNDING) {
            throw new ProblemException(
                    ProblemType.STATE_CONFLICT,
                    "The contract is " + contract.status() + "; only a contract waiting for funding can be funded.",
                    Map.of("status", contract.status()));
        }
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
