package com.fairtradeworker.escrow;

import com.fairtradeworker.audit.AuditEntry;
import com.fairtradeworker.audit.AuditLog;
import com.fairtradeworker.contracts.ContractSnapshot;
import com.fairtradeworker.contracts.ContractsApi;
import com.fairtradeworker.escrow.EscrowEvents.PayoutPaid;
import com.fairtradeworker.escrow.EscrowEvents.PayoutWaitingForAccount;
import com.fairtradeworker.escrow.Payout.PayoutStatus;
import com.fairtradeworker.profiles.PayoutAccount;
import com.fairtradeworker.profiles.ProfilesApi;
import com.fairtradeworker.timers.DueTimers;
import com.fairtradeworker.timers.TimerHandler;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pays a payout once the contractor's payout account can receive it: a transfer at the provider (idempotency key
 * {@code payout:<id>}, tied to the funding charge and the contract's transfer group), then the PAYOUT journal
 * transaction and the payout PAID. Without such an account the payout stays PENDING_ACCOUNT, visibly, until the
 * contractor connects one. Runs on the timers' poller, once per payout across instances; a provider failure rolls back
 * and the timer retries.
 */
@Component
class PayoutProcessing implements TimerHandler {

    private final PayoutRepository payouts;
    private final PaymentRepository payments;
    private final ContractsApi contracts;
    private final ProfilesApi profiles;
    private final Ledger ledger;
    private final PaymentProvider provider;
    private final DueTimers timers;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PayoutProcessing(
            PayoutRepository payouts,
            PaymentRepository payments,
            ContractsApi contracts,
            ProfilesApi profiles,
            Ledger ledger,
            PaymentProvider provider,
            DueTimers timers,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.payouts = payouts;
        this.payments = payments;
        this.contracts = contracts;
        this.profiles = profiles;
        this.ledger = ledger;
        this.provider = provider;
        this.timers = timers;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return EscrowMovements.PAYOUT_DUE;
    }

    @Override
    public void onDue(UUID payoutId, Instant dueAt) {
        pay(payoutId);
    }

    /** Every payout of the contractor that waited for an account is due now (their account can receive payouts). */
    @Transactional(propagation = Propagation.MANDATORY)
    void accountReady(UUID contractorId) {
        Instant now = clock.instant();
        for (UUID payout : payouts.waitingForAccount(contractorId)) {
            timers.schedule(EscrowMovements.PAYOUT_DUE, payout, now);
        }
    }

    private void pay(UUID payoutId) {
        Optional<Payout> locked = payouts.lock(payoutId);
        if (locked.isEmpty() || locked.get().status() != PayoutStatus.PENDING_ACCOUNT) {
            return;
        }
        Payout payout = locked.get();
        Optional<PayoutAccount> account =
                profiles.payoutAccount(payout.contractorId()).filter(PayoutAccount::payoutsEnabled);
        if (account.isEmpty()) {
            events.publishEvent(new PayoutWaitingForAccount(
                    payout.id(), payout.contractId(), payout.contractorId(), payout.amount()));
            return;
        }
        ContractSnapshot contract = contracts.find(payout.contractId()).orElseThrow();
        Payment funding = payments.succeeded(payout.contractId()).orElseThrow();
        PaymentProvider.Transfer transfer = provider.transfer(new PaymentProvider.TransferRequest(
                payout.id(),
                account.get().accountId(),
                payout.amount(),
                funding.providerChargeId(),
                contract.transferGroup(),
                "payout:" + payout.id()));
        Instant now = clock.instant();
        String currency = payout.amount().currency();
        UUID transaction = UUID.randomUUID();
        ledger.post(new JournalTransaction(
                transaction,
                JournalKind.PAYOUT,
                payout.contractId(),
                "payout:" + payout.id(),
                transfer.id(),
                currency,
                List.of(
                        new Posting(
                                ledger.account(LedgerAccountKind.CONTRACTOR_PAYABLE, payout.contractorId(), currency),
                                payout.amount().amountMinor()),
                        new Posting(
                                ledger.account(LedgerAccountKind.PROVIDER_CASH, null, currency),
                                -payout.amount().amountMinor()))));
        payouts.markPaid(payout.id(), transfer.id(), transaction, now);
        audit.record(AuditEntry.bySystem("PAYOUT_PAID", "contract", payout.contractId())
                .with(Map.of(
                        "payout", payout.id(),
                        "amountMinor", payout.amount().amountMinor(),
                        "currency", currency,
                        "transfer", transfer.id())));
        events.publishEvent(new PayoutPaid(payout.id(), payout.contractId(), payout.contractorId(), payout.amount()));
    }
}
