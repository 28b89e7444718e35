package com.fairtradeworker.escrow;

import com.fairtradeworker.audit.AuditEntry;
import com.fairtradeworker.audit.AuditLog;
import com.fairtradeworker.contracts.ContractSnapshot;
import com.fairtradeworker.contracts.ContractStatus;
import com.fairtradeworker.contracts.ContractsApi;
import com.fairtradeworker.escrow.EscrowEvents.EscrowExited;
import com.fairtradeworker.escrow.EscrowEvents.EscrowFunded;
import com.fairtradeworker.escrow.EscrowEvents.LatePaymentRefunded;
import com.fairtradeworker.escrow.Payment.PaymentStatus;
import com.fairtradeworker.escrow.PaymentRepository.ProviderUpdate;
import com.fairtradeworker.escrow.Payout.PayoutStatus;
import com.fairtradeworker.escrow.Refund.RefundStatus;
import com.fairtradeworker.shared.Money;
import com.fairtradeworker.shared.NotFoundException;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import com.fairtradeworker.timers.DueTimers;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every change of an escrow, in the caller's transaction, under the locks taken in one order: the contract, then the
 * escrow, then the payment (and, through the contract, the job). Funding becomes HELD only on the provider's success;
 * each exit from HELD is one journal transaction whose idempotency key ({@code exit:<contract>}) and the partial unique
 * index on exits make a second exit impossible even if the locks were bypassed.
 */
@Service
class EscrowMovements {

    static final String PAYOUT_DUE = "ESCROW_PAYOUT_DUE";
    static final String REFUND_DUE = "ESCROW_REFUND_DUE";
    private static final Logger log = LoggerFactory.getLogger(EscrowMovements.class);

    private final ContractsApi contracts;
    private final EscrowRepository escrows;
    private final PaymentRepository payments;
    private final PayoutRepository payouts;
    private final RefundRepository refunds;
    private final Ledger ledger;
    private final PaymentProvider provider;
    private final DueTimers timers;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    EscrowMovements(
            ContractsApi contracts,
            EscrowRepository escrows,
            PaymentRepository payments,
            PayoutRepository payouts,
            RefundRepository refunds,
            Ledger ledger,
            PaymentProvider provider,
            DueTimers timers,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.contracts = contracts;
        this.escrows = escrows;
        this.payments = payments;
        this.payouts = payouts;
        this.refunds = refunds;
        this.ledger = ledger;
        this.provider = provider;
        this.timers = timers;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** The contract's escrow (UNFUNDED if new) with its own ledger account; the caller holds the contract's lock. */
    @Transactional(propagation = Propagation.MANDATORY)
    EscrowAccount openEscrow(ContractSnapshot contract) {
        UUID ledgerAccount = ledger.account(
                LedgerAccountKind.ESCROW, contract.id(), contract.amount().currency());
        escrows.createIfMissing(contract.id(), ledgerAccount, contract.amount(), clock.instant());
        return escrows.lock(contract.id()).orElseThrow();
    }

    /**
     * Records what the provider says about a payment. Success holds the money: the FUND journal transaction, the escrow
     * HELD, the contract FUNDED and its job IN_PROGRESS, all here. A payment that succeeds for a contract no longer
     * waiting for it is refunded at once. Repeats and outcomes for a payment already settled change nothing.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Payment recordPaymentOutcome(UUID paymentId, PaymentProvider.Payment outcome) {
        Payment unlocked =
                payments.findById(paymentId).orElseThrow(() -> new IllegalStateException("No payment " + paymentId));
        ContractSnapshot contract = contracts.lock(unlocked.contractId()).orElseThrow();
        EscrowAccount escrow = openEscrow(contract);
        Payment payment = payments.lock(paymentId).orElseThrow();
        if (!payment.status().live() || payment.status() == PaymentStatus.SUCCEEDED) {
            return payment; // settled before: a repeat, or an outcome arriving out of order
        }
        Instant now = clock.instant();
        switch (outcome.status()) {
            case SUCCEEDED -> succeed(contract, escrow, payment, outcome, now);
            case FAILED, CANCELLED -> {
                payments.update(
                        paymentId,
                        new ProviderUpdate(
                                outcome.id(), null, PaymentStatus.FAILED, failure(outcome.failureReason()), null),
                        now);
                audit.record(AuditEntry.bySystem("PAYMENT_FAILED", "contract", contract.id())
                        .with(Map.of("payment", paymentId, "provider", payment.provider())));
            }
            case REQUIRES_CONFIRMATION, PROCESSING ->
                payments.update(
                        paymentId, new ProviderUpdate(outcome.id(), null, PaymentStatus.PROCESSING, null, null), now);
        }
        return payments.findById(paymentId).orElseThrow();
    }

    private void succeed(
            ContractSnapshot contract,
            EscrowAccount escrow,
            Payment payment,
            PaymentProvider.Payment outcome,
            Instant now) {
        if (!payment.amount().equals(outcome.amount()) || !payment.amount().equals(contract.amount())) {
            audit.record(AuditEntry.bySystem("PAYMENT_AMOUNT_MISMATCH", "contract", contract.id())
                    .with(Map.of(
                            "payment", payment.id(),
                            "expectedMinor", payment.amount().amountMinor(),
                            "reportedMinor",
                                    outcome.amount() == null
                                            ? -1
                                            : outcome.amount().amountMinor())));
            throw new IllegalStateException("Provider reported " + outcome.amount() + " for payment " + payment.id()
                    + " of " + payment.amount() + "; nothing recorded");
        }
        payments.update(
                payment.id(),
                new ProviderUpdate(outcome.id(), outcome.chargeId(), PaymentStatus.SUCCEEDED, null, now),
                now);
        UUID cash = ledger.account(
                LedgerAccountKind.PROVIDER_CASH, null, contract.amount().currency());
        ledger.post(new JournalTransaction(
                UUID.randomUUID(),
                JournalKind.FUND,
                contract.id(),
                "fund:" + contract.id(),
                outcome.id(),
                contract.amount().currency(),
                List.of(
                        new Posting(cash, contract.amount().amountMinor()),
                        new Posting(escrow.ledgerAccountId(), -contract.amount().amountMinor()))));
        Map<String, Object> details = new HashMap<>();
        details.put("payment", payment.id());
        details.put("amountMinor", contract.amount().amountMinor());
        details.put("currency", contract.amount().currency());
        details.put("provider", payment.provider());
        if (contract.status() == ContractStatus.PENDING_FUNDING && escrow.status() == EscrowStatus.UNFUNDED) {
            escrows.update(escrow.funded(now), now);
            contracts.moveTo(contract.id(), ContractStatus.FUNDED, contract.homeownerId());
            audit.record(AuditEntry.byUser(contract.homeownerId(), "ESCROW_FUNDED", "contract", contract.id())
                    .with(details));
            events.publishEvent(new EscrowFunded(
                    contract.id(),
                    contract.homeownerId(),
                    contract.contractorId(),
                    contract.amount(),
                    provider.simulated()));
            return;
        }
        // The contract was cancelled (or funded by another payment) before this one succeeded: give it back.
        EscrowAccount held = escrow.status() == EscrowStatus.UNFUNDED ? escrow.funded(now) : escrow;
        EscrowExit refund = EscrowExit.refund(contract.amount());
        UUID transaction = postExit(contract, held, refund, "late-payment:" + payment.id());
        EscrowAccount after = held.status() == EscrowStatus.HELD
                ? held.exited(refund, now)
                : new EscrowAccount(
                        held.id(),
                        held.contractId(),
                        held.ledgerAccountId(),
                        held.amount(),
                        held.status(),
                        false,
                        held.fundedMinor() + refund.held().amountMinor(),
                        held.releasedMinor(),
                        held.refundedMinor() + refund.held().amountMinor(),
                        held.heldAt() == null ? now : held.heldAt(),
                        held.closedAt());
        escrows.update(after, now);
        scheduleRefund(contract, payment.id(), transaction, refund.refunded(), now);
        details.put("contractStatus", contract.status());
        audit.record(AuditEntry.bySystem("LATE_PAYMENT_REFUNDED", "contract", contract.id())
                .with(details));
        events.publishEvent(new LatePaymentRefunded(contract.id(), contract.homeownerId(), contract.amount()));
        log.warn(
                "Payment {} succeeded for contract {} in state {}; refunding it",
                payment.id(),
                contract.id(),
                contract.status());
    }

    /**
     * Money leaves HELD: {@code toContractor} (null: everything) to the contractor less the fee on that part, the rest
     * back to the payer, in one journal transaction; the contract ends with the same outcome. Refused while the
     * escrow is frozen by a dispute unless the dispute itself decides.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    EscrowExited exit(UUID contractId, Money toContractor, ExitCause cause, UUID actorId) {
        ContractSnapshot contract = contracts.lock(contractId).orElseThrow(() -> new NotFoundException("contract"));
        if (contract.status() != cause.contractStatus()) {
            throw new ProblemException(
                    ProblemType.STATE_CONFLICT,
                    "The contract is " + contract.status() + "; " + cause + " ends only a " + cause.contractStatus()
                            + " contract.",
                    Map.of("status", contract.status()));
        }
        EscrowAccount escrow = escrows.lock(contractId)
                .orElseThrow(() -> new ProblemException(
                        ProblemType.STATE_CONFLICT,
                        "The contract's escrow is not funded.",
                        Map.of("escrowStatus", EscrowStatus.UNFUNDED)));
        if (escrow.status() != EscrowStatus.HELD) {
            throw new ProblemException(
                    ProblemType.STATE_CONFLICT,
                    "The escrow is " + escrow.status() + "; money leaves escrow once.",
                    Map.of("escrowStatus", escrow.status()));
        }
        if (escrow.frozen() && !cause.passesFreeze()) {
            throw new ProblemException(
                    ProblemType.STATE_CONFLICT,
                    "The escrow is frozen while a dispute is open; only its resolution moves the money.",
                    Map.of("escrowStatus", escrow.status(), "frozen", true));
        }
        Money held = escrow.held();
        EscrowExit exit = new EscrowExit(held, toContractor == null ? held : toContractor, contract.feeRateBps());
        if (!cause.allows(exit.outcome())) {
            throw new IllegalArgumentException(cause + " cannot end in " + exit.outcome());
        }
        Instant now = clock.instant();
        contracts.moveTo(contractId, ContractStatus.valueOf(exit.outcome().name()), actorId);
        UUID transaction = postExit(contract, escrow, exit, "exit:" + contractId);
        escrows.update(escrow.exited(exit, now), now);
        if (exit.contractorNet().amountMinor() > 0) {
            UUID payout = UUID.randomUUID();
            payouts.insert(new Payout(
                    payout,
                    contractId,
                    contract.contractorId(),
                    transaction,
                    exit.contractorNet(),
                    PayoutStatus.PENDING_ACCOUNT,
                    null,
                    null,
                    now));
            timers.schedule(PAYOUT_DUE, payout, now);
        }
        if (exit.refunded().amountMinor() > 0) {
            Payment payment = payments.succeeded(contractId).orElseThrow();
            scheduleRefund(contract, payment.id(), transaction, exit.refunded(), now);
        }
        Map<String, Object> details = new HashMap<>();
        details.put("cause", cause);
        details.put("outcome", exit.outcome());
        details.put("heldMinor", held.amountMinor());
        details.put("toContractorMinor", exit.toContractor().amountMinor());
        details.put("platformFeeMinor", exit.fee().amountMinor());
        details.put("refundedMinor", exit.refunded().amountMinor());
        details.put("currency", held.currency());
        details.put("transaction", transaction);
        AuditEntry entry = actorId == null
                ? AuditEntry.bySystem("ESCROW_" + exit.outcome(), "contract", contractId)
                : AuditEntry.byUser(actorId, "ESCROW_" + exit.outcome(), "contract", contractId);
        audit.record(entry.with(details));
        EscrowExited exited = new EscrowExited(
                contractId,
                contract.homeownerId(),
                contract.contractorId(),
                exit.outcome(),
                cause,
                exit.toContractor(),
                exit.fee(),
                exit.refunded());
        events.publishEvent(exited);
        return exited;
    }

    /** Freezes (a dispute opened) or unfreezes (it was withdrawn) the held money. */
    @Transactional(propagation = Propagation.MANDATORY)
    void setFrozen(UUID contractId, boolean frozen, UUID actorId) {
        contracts.lock(contractId).orElseThrow(() -> new NotFoundException("contract"));
        EscrowAccount escrow = escrows.lock(contractId)
                .orElseThrow(() -> new ProblemException(
                        ProblemType.STATE_CONFLICT,
                        "The contract's escrow is not funded.",
                        Map.of("escrowStatus", EscrowStatus.UNFUNDED)));
        if (escrow.frozen() == frozen) {
            return;
        }
        Instant now = clock.instant();
        escrows.update(escrow.withFrozen(frozen), now);
        String action = frozen ? "ESCROW_FROZEN" : "ESCROW_UNFROZEN";
        audit.record(
                actorId == null
                        ? AuditEntry.bySystem(action, "contract", contractId)
                        : AuditEntry.byUser(actorId, action, "contract", contractId));
    }

    private UUID postExit(ContractSnapshot contract, EscrowAccount escrow, EscrowExit exit, String key) {
        String currency = exit.held().currency();
        List<Posting> postings = new ArrayList<>();
        postings.add(new Posting(escrow.ledgerAccountId(), exit.held().amountMinor()));
        if (exit.contractorNet().amountMinor() > 0) {
            postings.add(new Posting(
                    ledger.account(LedgerAccountKind.CONTRACTOR_PAYABLE, contract.contractorId(), currency),
                    -exit.contractorNet().amountMinor()));
        }
        if (exit.fee().amountMinor() > 0) {
            postings.add(new Posting(
                    ledger.account(LedgerAccountKind.PLATFORM_FEE_REVENUE, null, currency),
                    -exit.fee().amountMinor()));
        }
        if (exit.refunded().amountMinor() > 0) {
            postings.add(new Posting(
                    ledger.account(LedgerAccountKind.PROVIDER_CASH, null, currency),
                    -exit.refunded().amountMinor()));
        }
        UUID id = UUID.randomUUID();
        ledger.post(new JournalTransaction(id, exit.journalKind(), contract.id(), key, null, currency, postings));
        return id;
    }

    private void scheduleRefund(
            ContractSnapshot contract, UUID paymentId, UUID transaction, Money amount, Instant now) {
        UUID refund = UUID.randomUUID();
        refunds.insert(new Refund(
                refund,
                contract.id(),
                paymentId,
                transaction,
                amount,
                RefundStatus.PENDING,
                "refund:" + transaction,
                null,
                null,
                now));
        timers.schedule(REFUND_DUE, refund, now);
    }

    private static String failure(String reason) {
        if (reason == null || reason.isBlank()) {
            return "The payment provider declined the payment.";
        }
        return reason.length() > 1000 ? reason.substring(0, 1000) : reason;
    }
}
