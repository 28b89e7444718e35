package com.fairtradeworker.escrow.stripe;

import com.fairtradeworker.audit.AuditEntry;
import com.fairtradeworker.audit.AuditLog;
import com.fairtradeworker.escrow.PaymentProvider;
import com.fairtradeworker.escrow.PaymentProviderException;
import com.fairtradeworker.escrow.stripe.ReconciliationStore.Item;
import com.fairtradeworker.escrow.stripe.ReconciliationStore.Mismatch;
import com.fairtradeworker.escrow.stripe.StripePaymentProvider.ProcessingFee;
import com.fairtradeworker.escrow.stripe.StripePaymentProvider.RemoteRefund;
import com.fairtradeworker.escrow.stripe.StripePaymentProvider.RemoteTransfer;
import com.fairtradeworker.shared.Money;
import com.fairtradeworker.timers.DueTimers;
import com.fairtradeworker.timers.TimerHandler;
import com.stripe.exception.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The daily reconciliation of the ledger with Stripe: every journal movement of a Stripe-funded contract since the last
 * run (FUND: the PaymentIntent succeeded for that amount; PAYOUT: the transfer's amount less what was reversed equals
 * what our journal moved for it; PROCESSING_FEE: the balance transaction's fee), every refund that succeeded (Stripe's
 * refund succeeded for that amount), refunds still pending after a day, and payments we still see as unfinished (Stripe
 * may have finished them without telling us). Each difference is a row of {@code reconciliation_mismatches} and an
 * audit entry ({@code RECONCILIATION_MISMATCH}); admins read them at {@code GET /api/admin/reconciliation}.
 *
 * <p>Runs on the due-timers poller ({@value #KIND}, one timer for the platform, seeded at start-up when Stripe is the
 * provider), then schedules itself for the next day. If Stripe cannot be reached the run rolls back and the poller
 * tries again a minute later. With the simulated provider there is nothing to compare, and it only reschedules.
 */
@Component
class StripeReconciliation implements TimerHandler {

    static final String KIND = "ESCROW_RECONCILIATION";
    static final UUID SUBJECT = UUID.nameUUIDFromBytes(KIND.getBytes(StandardCharsets.UTF_8));
    /** Movements younger than this may still be committing: they wait for the next run. */
    static final Duration SETTLING = Duration.ofMinutes(5);
    /** A run never looks back further than this, however long it did not run. */
    static final Duration LONGEST_WINDOW = Duration.ofDays(7);
    /** Runs at this time of day (UTC), when little else happens. */
    static final LocalTime RUNS_AT = LocalTime.of(4, 0);

    private static final Logger log = LoggerFactory.getLogger(StripeReconciliation.class);

    /** The outcome of one run. */
    record Report(UUID runId, Instant from, Instant to, int checked, List<Mismatch> mismatches) {}

    private final PaymentProvider provider;
    private final ReconciliationStore store;
    private final DueTimers timers;
    private final AuditLog audit;
    private final Clock clock;

    StripeReconciliation(
            PaymentProvider provider, ReconciliationStore store, DueTimers timers, AuditLog audit, Clock clock) {
        this.provider = provider;
        this.store = store;
        this.timers = timers;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void onDue(UUID subjectId, Instant dueAt) {
        Instant now = clock.instant();
        if (provider.unwrap(StripePaymentProvider.class).isPresent()) {
            Instant to = now.minus(SETTLING);
            Instant from = store.lastWindowEnd().filter(end -> end.isBefore(to)).orElse(to.minus(Duration.ofDays(1)));
            if (from.isBefore(to.minus(LONGEST_WINDOW))) {
                from = to.minus(LONGEST_WINDOW);
            }
            run(from, to);
        } else {
            log.info("Reconciliation skipped: the payment provider is {}", provider.name());
        }
        Instant next = dueAt.plus(Duration.ofDays(1));
        while (!next.isAfter(now)) {
            next = next.plus(Duration.ofDays(1));
        }
        timers.schedule(KIND, subjectId, next);
    }

    /** When the first run is due: the next {@link #RUNS_AT} after {@code now}. */
    static Instant firstRun(Instant now) {
        Instant today = now.truncatedTo(ChronoUnit.DAYS)
                .atOffset(ZoneOffset.UTC)
                .with(RUNS_AT)
                .toInstant();
        return today.isAfter(now) ? today : today.plus(Duration.ofDays(1));
    }

    /** Compares the window's movements with Stripe and records the differences, in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    Report run(Instant from, Instant to) {
        StripePaymentProvider stripe = provider.unwrap(StripePaymentProvider.class)
                .orElseThrow(() ->
                        new IllegalStateException("Only Stripe is reconciled; the provider is " + provider.name()));
        Instant now = clock.instant();
        UUID runId = store.startRun(from, to, now);
        List<Mismatch> mismatches = new ArrayList<>();
        int checked = 0;

        for (Item fund : store.funds(from, to)) {
            checked++;
            remote(fund, mismatches, () -> stripe.retrievePayment(fund.providerReference()))
                    .ifPresent(payment -> {
                        if (payment.status() != PaymentProvider.PaymentStatus.SUCCEEDED) {
                            mismatches.add(mismatch(
                                    "PAYMENT_NOT_SUCCEEDED",
                                    fund,
                                    payment.amount(),
                                    "Funded in the ledger, but Stripe says " + payment.status()));
                        } else if (!fund.amount().equals(payment.amount())) {
                            mismatches.add(mismatch(
                                    "PAYMENT_AMOUNT",
                                    fund,
                                    payment.amount(),
                                    "Stripe's PaymentIntent is for a different amount"));
                        }
                    });
        }
        for (Item transfer : store.transfers(from, to)) {
            checked++;
            remote(transfer, mismatches, () -> stripe.retrieveTransfer(transfer.providerReference()))
                    .ifPresent((RemoteTransfer found) -> {
                        Money net = new Money(
                                found.amount().amountMinor() - found.amountReversedMinor(),
                                found.amount().currency());
                        if (!transfer.amount().equals(net)) {
                            mismatches.add(
                                    mismatch(
                                            found.amountReversedMinor() > 0
                                                    ? "TRANSFER_REVERSAL_NOT_RECORDED"
                                                    : "TRANSFER_AMOUNT",
                                            transfer,
                                            net,
                                            "Stripe's transfer (less what was reversed) differs from the payouts in the ledger"));
                        }
                    });
        }
        for (Item fee : store.processingFees(from, to)) {
            checked++;
            remote(fee, mismatches, () -> stripe.balanceTransactionFee(fee.providerReference()))
                    .ifPresent((ProcessingFee found) -> {
                        if (!fee.amount().equals(found.fee())) {
                            mismatches.add(mismatch(
                                    "FEE_AMOUNT", fee, found.fee(), "Stripe's fee differs from the one in the ledger"));
                        }
                    });
        }
        for (Item refund : store.succeededRefunds(from, to)) {
            checked++;
            remote(refund, mismatches, () -> stripe.retrieveRefund(refund.providerReference()))
                    .ifPresent((RemoteRefund found) -> {
                        if (!found.succeeded()) {
                            mismatches.add(mismatch(
                                    "REFUND_NOT_SUCCEEDED",
                                    refund,
                                    found.amount(),
                                    "Succeeded here, but Stripe says " + found.status()));
                        } else if (!refund.amount().equals(found.amount())) {
                            mismatches.add(mismatch(
                                    "REFUND_AMOUNT", refund, found.amount(), "Stripe refunded a different amount"));
                        }
                    });
        }
        for (Item pending : store.pendingRefunds(to.minus(Duration.ofDays(1)))) {
            checked++;
            mismatches.add(mismatch(
                    "REFUND_PENDING",
                    pending,
                    null,
                    "The ledger gave this money back over a day ago; Stripe has not confirmed the refund"));
        }
        for (Item payment : store.unfinishedPayments(to.minus(Duration.ofHours(1)))) {
            checked++;
            remote(payment, mismatches, () -> stripe.retrievePayment(payment.providerReference()))
                    .filter(found -> found.status() == PaymentProvider.PaymentStatus.SUCCEEDED)
                    .ifPresent(found -> mismatches.add(mismatch(
                            "PAYMENT_SUCCEEDED_NOT_RECORDED",
                            payment,
                            found.amount(),
                            "Stripe says this payment succeeded; the escrow was not funded from it")));
        }

        for (Mismatch mismatch : mismatches) {
            store.saveMismatch(runId, mismatch, now);
            Map<String, Object> details = new HashMap<>();
            details.put("run", runId);
            details.put("kind", mismatch.kind());
            details.put("providerReference", String.valueOf(mismatch.providerReference()));
            details.put(
                    "expectedMinor",
                    mismatch.expected() == null ? -1 : mismatch.expected().amountMinor());
            details.put(
                    "reportedMinor",
                    mismatch.reported() == null ? -1 : mismatch.reported().amountMinor());
            audit.record(
                    mismatch.contractId() == null
                            ? AuditEntry.bySystem("RECONCILIATION_MISMATCH", "reconciliation", runId)
                                    .with(details)
                            : AuditEntry.bySystem("RECONCILIATION_MISMATCH", "contract", mismatch.contractId())
                                    .with(details));
        }
        store.finishRun(runId, checked, mismatches.size(), now);
        audit.record(AuditEntry.bySystem("RECONCILIATION_RUN", "reconciliation", runId)
                .with(Map.of(
                        "from", from.toString(),
                        "to", to.toString(),
                        "checked", checked,
                        "mismatches", mismatches.size())));
        if (mismatches.isEmpty()) {
            log.info("Reconciliation {} to {}: {} checked, ledger and Stripe agree", from, to, checked);
        } else {
            log.warn("Reconciliation {} to {}: {} checked, {} MISMATCHES", from, to, checked, mismatches.size());
        }
        return new Report(runId, from, to, checked, List.copyOf(mismatches));
    }

    /** Stripe's object, or empty with a NOT_FOUND_AT_STRIPE mismatch; other failures end the run (retried). */
    private static <T> Optional<T> remote(Item item, List<Mismatch> mismatches, Supplier<T> call) {
        try {
            return Optional.ofNullable(call.get());
        } catch (PaymentProviderException e) {
            if (e.getCause() instanceof InvalidRequestException missing
                    && "resource_missing".equals(missing.getCode())) {
                mismatches.add(mismatch("NOT_FOUND_AT_STRIPE", item, null, "Stripe does not know this id"));
                return Optional.empty();
            }
            throw e;
        }
    }

    private static Mismatch mismatch(String kind, Item item, Money reported, String detail) {
        return new Mismatch(
                kind,
                item.contractId(),
                item.transactionId(),
                item.providerReference(),
                item.amount(),
                reported,
                detail);
    }
}
