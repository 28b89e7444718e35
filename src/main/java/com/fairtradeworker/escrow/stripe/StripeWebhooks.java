package com.fairtradeworker.escrow.stripe;

import com.fairtradeworker.audit.AuditEntry;
import com.fairtradeworker.audit.AuditLog;
import com.fairtradeworker.escrow.EscrowApi;
import com.fairtradeworker.escrow.EscrowSnapshot;
import com.fairtradeworker.escrow.EscrowStatus;
import com.fairtradeworker.escrow.PaymentProvider;
import com.fairtradeworker.escrow.ProviderEvents;
import com.fairtradeworker.escrow.stripe.StripePaymentProvider.ProcessingFee;
import com.fairtradeworker.escrow.stripe.StripePaymentProvider.RemoteRefund;
import com.fairtradeworker.escrow.stripe.StripePaymentProvider.RemoteTransfer;
import com.fairtradeworker.escrow.stripe.StripeRecords.PaymentRecord;
import com.fairtradeworker.escrow.stripe.StripeRecords.PayoutRecord;
import com.fairtradeworker.escrow.stripe.StripeRecords.RefundRecord;
import com.fairtradeworker.profiles.PayoutAccount;
import com.fairtradeworker.profiles.ProfilesApi;
import com.stripe.model.Account;
import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.StripeObject;
import com.stripe.model.Transfer;
import com.stripe.net.Webhook;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stripe's webhooks. An event counts only when its {@code Stripe-Signature} (HMAC-SHA256 of {@code <t>.<payload>} with
 * {@code STRIPE_WEBHOOK_SECRET}) matches and its timestamp is within 300 seconds of the application's clock; anything
 * else is refused before it is even parsed. A verified event takes effect once: its id goes into
 * {@code webhook_events} in the same transaction as its effect, and a duplicate (or a concurrent second delivery) finds
 * it there and does nothing. Where order matters the object is read again from Stripe (when Stripe is the provider), so
 * an older event delivered late cannot undo a newer state; amounts and currencies are checked against our records
 * before anything changes.
 */
@Service
class StripeWebhooks {

    static final long TOLERANCE_SECONDS = 300;
    static final String METRIC = "ftw.stripe.webhooks";
    static final String LAG_METRIC = "ftw.stripe.webhook.lag";
    private static final Logger log = LoggerFactory.getLogger(StripeWebhooks.class);

    private static final Set<String> HANDLED = Set.of(
            "payment_intent.succeeded",
            "payment_intent.payment_failed",
            "payment_intent.processing",
            "payment_intent.canceled",
            "charge.refunded",
            "charge.refund.updated",
            "refund.updated",
            "refund.failed",
            "transfer.created",
            "transfer.reversed",
            "transfer.failed",
            "account.updated",
            "charge.dispute.created",
            "charge.dispute.closed");

    /** What became of a delivery. */
    enum Outcome {
        /** Applied (or recorded with nothing to change). */
        PROCESSED,
        /** Seen before: nothing happened. */
        DUPLICATE,
        /** A type we do not act on, or an object that is not ours: recorded, nothing else. */
        IGNORED,
        /** Did not match our records (amount or currency): recorded and audited, nothing changed. */
        REFUSED
    }

    record Result(String eventId, String type, Outcome outcome) {}

    /** The signature is missing, does not match, or is too old: nothing is recorded (answered 400). */
    static final class InvalidSignature extends RuntimeException {
        InvalidSignature(String message) {
            super(message);
        }
    }

    /** The event's effect must wait (our side of it is not committed yet): Stripe retries it later (answered 503). */
    static final class NotYet extends RuntimeException {
        NotYet(String message) {
            super(message);
        }
    }

    @FunctionalInterface
    private interface Effect {
        Outcome apply();
    }

    private final StripeSettings settings;
    private final PaymentProvider provider;
    private final ProviderEvents escrow;
    private final EscrowApi escrowApi;
    private final ProfilesApi profiles;
    private final StripeRecords records;
    private final WebhookEvents events;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;
    private final MeterRegistry meters;

    StripeWebhooks(
            StripeSettings settings,
            PaymentProvider provider,
            ProviderEvents escrow,
            EscrowApi escrowApi,
            ProfilesApi profiles,
            StripeRecords records,
            WebhookEvents events,
            AuditLog audit,
            TransactionTemplate transactions,
            JsonMapper json,
            Clock clock,
            MeterRegistry meters) {
        this.settings = settings;
        this.provider = provider;
        this.escrow = escrow;
        this.escrowApi = escrowApi;
        this.profiles = profiles;
        this.records = records;
        this.events = events;
        this.audit = audit;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
        this.meters = meters;
    }

    /** Verifies, records and applies one delivery. */
    Result receive(String payload, String signatureHeader) {
        Event event = verified(payload, signatureHeader);
        String type = event.getType();
        recordLag(event);
        if (events.seen(event.getId())) {
            return counted(new Result(event.getId(), type, Outcome.DUPLICATE));
        }
        Effect effect = prepare(event, type);
        String stored = storedPayload(payload);
        Outcome outcome = transactions.execute(status -> {
            if (!events.record(event.getId(), type, stored, clock.instant())) {
                return Outcome.DUPLICATE;
            }
            return effect.apply();
        });
        log.info("Stripe event {} ({}): {}", event.getId(), type, outcome);
        return counted(new Result(event.getId(), type, outcome));
    }

    private Event verified(String payload, String signatureHeader) {
        List<String> secrets = settings.webhookSecrets();
        if (secrets.isEmpty()) {
            log.warn("A Stripe webhook arrived but STRIPE_WEBHOOK_SECRET is not set: refused");
            throw rejected("no webhook signing secret is configured");
        }
        if (signatureHeader == null || signatureHeader.isBlank() || payload == null || payload.isEmpty()) {
            throw rejected("unsigned");
        }
        String why = "no signature matches";
        for (String secret : secrets) {
            try {
                long now = clock.millis() / 1000;
                if (signedAt(signatureHeader) > now + TOLERANCE_SECONDS) {
                    throw rejected("signed in the future");
                }
                Event event = Webhook.constructEvent(payload, signatureHeader, secret, TOLERANCE_SECONDS, clock);
                if (event.getId() == null || event.getType() == null) {
                    throw rejected("not an event");
                }
                return event;
            } catch (InvalidSignature e) {
                throw e;
            } catch (com.stripe.exception.SignatureVerificationException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("Timestamp outside")) {
                    throw rejected("stale: " + e.getMessage());
                }
                why = e.getMessage(); // maybe signed with the other endpoint's secret: try that one
            } catch (RuntimeException e) { // a header or payload that does not even parse
                throw rejected("unreadable signature or payload");
            }
        }
        throw rejected(why);
    }

    private InvalidSignature rejected(String why) {
        meters.counter(METRIC, "type", "unverified", "outcome", "rejected").increment();
        return new InvalidSignature(why);
    }

    private static long signedAt(String header) {
        for (String item : header.split(",")) {
            String[] parts = item.trim().split("=", 2);
            if (parts.length == 2 && parts[0].equals("t")) {
                return Long.parseLong(parts[1].trim());
            }
        }
        return -1;
    }

    /** Reads what the effect needs from Stripe before the transaction opens (no network call holds a lock). */
    private Effect prepare(Event event, String type) {
        if (!HANDLED.contains(type)) {
            return () -> Outcome.IGNORED;
        }
        StripeObject object;
        try {
            object = event.getDataObjectDeserializer().deserializeUnsafe();
        } catch (Exception e) {
            log.warn(
                    "Stripe event {} ({}) carries an object we cannot read; recorded and ignored", event.getId(), type);
            return () -> Outcome.IGNORED;
        }
        try {
            return switch (type) {
                case "payment_intent.succeeded",
                        "payment_intent.payment_failed",
                        "payment_intent.processing",
                        "payment_intent.canceled" -> payment((PaymentIntent) object);
                case "charge.refunded" -> refunds(((Charge) object).getPaymentIntent(), eventRefunds((Charge) object));
                case "charge.refund.updated", "refund.updated", "refund.failed" ->
                    refunds(((Refund) object).getPaymentIntent(), List.of(StripePaymentProvider.toRefund((Refund)
                            object)));
                case "transfer.created", "transfer.reversed", "transfer.failed" -> transfer(type, (Transfer) object);
                case "account.updated" -> account((Account) object);
                case "charge.dispute.created", "charge.dispute.closed" -> dispute(type, (Dispute) object);
                default -> () -> Outcome.IGNORED;
            };
        } catch (ClassCastException unexpected) {
            log.warn("Stripe event {} ({}) carries an unexpected object; recorded and ignored", event.getId(), type);
            return () -> Outcome.IGNORED;
        }
    }

    private Optional<StripePaymentProvider> stripe() {
        return provider.unwrap(StripePaymentProvider.class);
    }

    // payment_intent.*: the payment funds the escrow (or fails), once, whatever the order of the events.
    private Effect payment(PaymentIntent intent) {
        Optional<PaymentRecord> found = records.paymentByProviderId(intent.getId())
                .or(() -> Optional.ofNullable(StripePaymentProvider.uuid(intent.getMetadata(), "payment_id"))
                        .flatMap(records::paymentById)
                        .filter(payment -> payment.providerPaymentId() == null
                                || payment.providerPaymentId().equals(intent.getId())));
        if (found.isEmpty()) {
            return () -> {
                audit.record(AuditEntry.bySystem("STRIPE_PAYMENT_UNKNOWN", "payment_intent", intent.getId())
                        .with(Map.of("status", String.valueOf(intent.getStatus()))));
                return Outcome.IGNORED;
            };
        }
        PaymentRecord payment = found.get();
        // The current state, not the event's snapshot: a late payment_failed cannot undo a success.
        PaymentProvider.Payment current = stripe().map(stripe -> stripe.retrievePayment(intent.getId()))
                .orElseGet(() -> StripePaymentProvider.toPayment(intent));
        Optional<ProcessingFee> fee = Optional.empty();
        if (current.status() == PaymentProvider.PaymentStatus.SUCCEEDED && current.chargeId() != null) {
            fee = stripe().flatMap(stripe -> stripe.processingFee(current.chargeId()));
        }
        Optional<ProcessingFee> processingFee = fee;
        return () -> {
            if (current.amount() == null || !current.amount().equals(payment.amount())) {
                Map<String, Object> details = new HashMap<>();
                details.put("payment", payment.id());
                details.put("paymentIntent", intent.getId());
                details.put("expectedMinor", payment.amount().amountMinor());
                details.put("expectedCurrency", payment.amount().currency());
                details.put(
                        "reportedMinor",
                        current.amount() == null ? -1 : current.amount().amountMinor());
                details.put(
                        "reportedCurrency",
                        current.amount() == null ? "" : current.amount().currency());
                audit.record(AuditEntry.bySystem("PAYMENT_AMOUNT_MISMATCH", "contract", payment.contractId())
                        .with(details));
                log.error(
                        "Stripe reports {} for payment {} of {}: nothing recorded",
                        current.amount(),
                        payment.id(),
                        payment.amount());
                return Outcome.REFUSED;
            }
            String status = escrow.recordPaymentOutcome(payment.id(), current);
            if (processingFee.isPresent() && ("SUCCEEDED".equals(status) || "REFUNDED".equals(status))) {
                escrow.recordProcessingFee(
                        payment.id(),
                        processingFee.get().fee(),
                        processingFee.get().balanceTransactionId());
            }
            return Outcome.PROCESSED;
        };
    }

    private static List<RemoteRefund> eventRefunds(Charge charge) {
        if (charge.getRefunds() == null || charge.getRefunds().getData() == null) {
            return List.of();
        }
        return charge.getRefunds().getData().stream()
                .map(StripePaymentProvider::toRefund)
                .toList();
    }

    // charge.refunded, refund.updated...: the refunds we asked for are settled (matched by our id in their metadata).
    private Effect refunds(String paymentIntentId, List<RemoteRefund> fromEvent) {
        Optional<PaymentRecord> found =
                paymentIntentId == null ? Optional.empty() : records.paymentByProviderId(paymentIntentId);
        if (found.isEmpty()) {
            return () -> Outcome.IGNORED;
        }
        PaymentRecord payment = found.get();
        List<RemoteRefund> remote =
                stripe().map(stripe -> stripe.listRefunds(paymentIntentId)).orElse(fromEvent);
        return () -> {
            List<RefundRecord> ours = records.refundsOfPayment(payment.id());
            List<String> known = new ArrayList<>();
            for (RefundRecord refund : ours) {
                if (refund.providerRefundId() != null) {
                    known.add(refund.providerRefundId());
                }
                Optional<RemoteRefund> match = remote.stream()
                        .filter(candidate -> refund.id().equals(candidate.refundId()))
                        .findFirst();
                if (match.isEmpty()) {
                    continue;
                }
                known.add(match.get().id());
                if (!"PENDING".equals(refund.status())) {
                    continue;
                }
                if (!refund.amount().equals(match.get().amount())) {
                    audit.record(AuditEntry.bySystem("REFUND_AMOUNT_MISMATCH", "contract", refund.contractId())
                            .with(Map.of(
                                    "refund", refund.id(),
                                    "providerRefund", match.get().id(),
                                    "expectedMinor", refund.amount().amountMinor(),
                                    "reportedMinor",
                                            match.get().amount() == null
                                                    ? -1
                                                    : match.get().amount().amountMinor())));
                    continue;
                }
                if (match.get().succeeded()) {
                    escrow.refundSettled(refund.id(), match.get().id(), true, null);
                } else if (match.get().failed()) {
                    escrow.refundSettled(
                            refund.id(), match.get().id(), false, match.get().failureReason());
                }
            }
            for (RemoteRefund elsewhere : remote) {
                if (elsewhere.succeeded() && !known.contains(elsewhere.id())) {
                    // Money went back to the payer without the platform asking (the Stripe dashboard, say).
                    audit.record(AuditEntry.bySystem("REFUND_OUTSIDE_PLATFORM", "contract", payment.contractId())
                            .with(Map.of(
                                    "payment", payment.id(),
                                    "providerRefund", elsewhere.id(),
                                    "amountMinor",
                                            elsewhere.amount() == null
                                                    ? -1
                                                    : elsewhere.amount().amountMinor())));
                }
            }
            return Outcome.PROCESSED;
        };
    }

    // transfer.*: a payout's transfer confirmed, reversed by the platform, or failed.
    private Effect transfer(String type, Transfer transfer) {
        RemoteTransfer remote = stripe().map(stripe -> stripe.retrieveTransfer(transfer.getId()))
                .orElseGet(() -> StripePaymentProvider.toTransfer(transfer));
        Optional<PayoutRecord> found = records.payoutByTransfer(transfer.getId())
                .or(() -> Optional.ofNullable(remote.payoutId()).flatMap(records::payoutById));
        if (found.isEmpty()) {
            return () -> Outcome.IGNORED;
        }
        PayoutRecord payout = found.get();
        if (!type.equals("transfer.created") && !"PAID".equals(payout.status()) && !"FAILED".equals(payout.status())) {
            // The payout's own transaction (which called Stripe) has not committed yet: let Stripe deliver it again.
            throw new NotYet("payout " + payout.id() + " is not recorded as paid yet");
        }
        return () -> {
            if (!remote.amount().equals(payout.amount())) {
                audit.record(AuditEntry.bySystem("PAYOUT_TRANSFER_MISMATCH", "contract", payout.contractId())
                        .with(Map.of(
                                "payout", payout.id(),
                                "transfer", transfer.getId(),
                                "expectedMinor", payout.amount().amountMinor(),
                                "reportedMinor", remote.amount().amountMinor(),
                                "reportedCurrency", remote.amount().currency())));
                return Outcome.REFUSED;
            }
            switch (type) {
                case "transfer.reversed" ->
                    escrow.transferReturned(
                            payout.id(),
                            transfer.getId(),
                            remote.amountReversedMinor(),
                            false,
                            "The transfer was reversed at Stripe.");
                case "transfer.failed" ->
                    escrow.transferReturned(
                            payout.id(),
                            transfer.getId(),
                            payout.amount().amountMinor(),
                            true,
                            "The transfer failed at Stripe; paid again by a new payout.");
                default -> {} // transfer.created: our payout already names it; nothing to change
            }
            return Outcome.PROCESSED;
        };
    }

    // account.updated: the contractor's payout account can (or no longer can) receive payouts.
    private Effect account(Account account) {
        Optional<UUID> contractor = profiles.contractorOfPayoutAccount(account.getId());
        if (contractor.isEmpty()) {
            return () -> Outcome.IGNORED;
        }
        boolean enabled = stripe().map(stripe -> stripe.payoutsEnabled(account.getId()))
                .orElse(Boolean.TRUE.equals(account.getPayoutsEnabled()));
        UUID contractorId = contractor.get();
        return () -> {
            boolean before = profiles.payoutAccount(contractorId)
                    .map(PayoutAccount::payoutsEnabled)
                    .orElse(false);
            profiles.recordPayoutAccount(contractorId, account.getId(), enabled);
            if (before != enabled) {
                audit.record(AuditEntry.bySystem("PAYOUT_ACCOUNT_UPDATED", "user", contractorId)
                        .with(Map.of("payoutsEnabled", enabled, "provider", "STRIPE")));
            }
            if (enabled) {
                escrow.payoutAccountReady(contractorId);
            }
            return Outcome.PROCESSED;
        };
    }

    // charge.dispute.*: a card chargeback. The escrow is frozen and admins are alerted through the audit log.
    private Effect dispute(String type, Dispute dispute) {
        Optional<PaymentRecord> found = Optional.ofNullable(dispute.getPaymentIntent())
                .flatMap(records::paymentByProviderId)
                .or(() -> Optional.ofNullable(dispute.getCharge()).flatMap(records::paymentByCharge));
        boolean opened = type.equals("charge.dispute.created");
        return () -> {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("dispute", dispute.getId());
            details.put("status", String.valueOf(dispute.getStatus()));
            details.put("reason", String.valueOf(dispute.getReason()));
            details.put("amountMinor", dispute.getAmount() == null ? -1 : dispute.getAmount());
            details.put("currency", String.valueOf(dispute.getCurrency()).toUpperCase(java.util.Locale.ROOT));
            details.put("charge", String.valueOf(dispute.getCharge()));
            String action = opened ? "CHARGEBACK_OPENED" : "CHARGEBACK_CLOSED";
            if (found.isEmpty()) {
                audit.record(AuditEntry.bySystem(action, "stripe_dispute", dispute.getId())
                        .with(details));
                log.warn("Stripe {} for a charge we do not know ({})", type, dispute.getCharge());
                return Outcome.IGNORED;
            }
            PaymentRecord payment = found.get();
            details.put("payment", payment.id());
            Optional<EscrowSnapshot> snapshot = escrowApi.escrow(payment.contractId());
            details.put("escrowStatus", snapshot.map(s -> s.status().name()).orElse("UNFUNDED"));
            if (opened && snapshot.isPresent() && snapshot.get().status() == EscrowStatus.HELD) {
                escrowApi.freeze(payment.contractId(), null);
                details.put("frozen", true);
            } else {
                details.put("frozen", snapshot.map(EscrowSnapshot::frozen).orElse(false));
            }
            audit.record(AuditEntry.bySystem(action, "contract", payment.contractId())
                    .with(details));
            if (opened) {
                log.warn(
                        "CHARGEBACK on contract {} (Stripe dispute {}): escrow {}; an admin must answer it in Stripe",
                        payment.contractId(),
                        dispute.getId(),
                        details.get("escrowStatus"));
            }
            return Outcome.PROCESSED;
        };
    }

    /** What the inbox keeps: the event's envelope and the object's ids, amounts and states, no personal data. */
    @SuppressWarnings("unchecked")
    private String storedPayload(String payload) {
        Map<String, Object> event = json.readValue(payload, Map.class);
        Map<String, Object> stored = new LinkedHashMap<>();
        for (String key : List.of("id", "object", "type", "api_version", "created", "livemode", "account")) {
            if (event.containsKey(key)) {
                stored.put(key, event.get(key));
            }
        }
        Object data = event.get("data");
        if (data instanceof Map<?, ?> dataMap && dataMap.get("object") instanceof Map<?, ?> object) {
            Map<String, Object> kept = new LinkedHashMap<>();
            ((Map<String, Object>) object).forEach((key, value) -> {
                if (STORED_FIELDS.contains(key)) {
                    kept.put(key, value);
                }
            });
            stored.put("data", Map.of("object", kept));
        }
        return json.writeValueAsString(stored);
    }

    private static final Set<String> STORED_FIELDS = Set.of(
            "id",
            "object",
            "amount",
            "amount_received",
            "amount_captured",
            "amount_refunded",
            "amount_reversed",
            "currency",
            "status",
            "latest_charge",
            "charge",
            "payment_intent",
            "balance_transaction",
            "transfer_group",
            "destination",
            "source_transaction",
            "reversed",
            "reason",
            "failure_code",
            "failure_reason",
            "cancellation_reason",
            "payouts_enabled",
            "charges_enabled",
            "details_submitted",
            "metadata",
            "created",
            "livemode");

    /** From the event's creation at Stripe to its verified arrival here (retried deliveries included). */
    private void recordLag(Event event) {
        if (event.getCreated() != null) {
            Duration lag = Duration.between(Instant.ofEpochSecond(event.getCreated()), clock.instant());
            Timer.builder(LAG_METRIC)
                    .description("From a Stripe event's creation to its verified arrival")
                    .register(meters)
                    .record(lag.isNegative() ? Duration.ZERO : lag);
        }
    }

    private Result counted(Result result) {
        String type = HANDLED.contains(result.type()) ? result.type() : "other";
        meters.counter(METRIC, "type", type, "outcome", result.outcome().name().toLowerCase(java.util.Locale.ROOT))
                .increment();
        return result;
    }
}
