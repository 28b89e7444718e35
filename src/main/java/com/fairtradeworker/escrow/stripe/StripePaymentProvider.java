package com.fairtradeworker.escrow.stripe;

import com.fairtradeworker.escrow.PaymentProvider;
import com.fairtradeworker.escrow.PaymentProviderException;
import com.fairtradeworker.shared.Money;
import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.PermissionException;
import com.stripe.exception.StripeException;
import com.stripe.model.Account;
import com.stripe.model.AccountLink;
import com.stripe.model.BalanceTransaction;
import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import com.stripe.model.StripeError;
import com.stripe.net.RequestOptions;
import com.stripe.param.AccountCreateParams;
import com.stripe.param.AccountLinkCreateParams;
import com.stripe.param.ChargeRetrieveParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.RefundListParams;
import com.stripe.param.TransferCreateParams;
import com.stripe.param.TransferListParams;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payment provider for real: Stripe, through a {@link StripeClient} of its own (never the SDK's static key), with
 * connect and read time-outs and network retries. Every call that creates something carries the operation's
 * idempotency key, so the client's own retries, and ours after a time-out, find the first object instead of charging,
 * transferring or refunding twice; transfers and refunds are also looked up by our id in their metadata first, so a
 * retry after Stripe has forgotten the key (24 hours) still finds them. Stripe's errors become
 * {@link PaymentProviderException}, except a card declined while creating a payment, which is a FAILED payment.
 *
 * <p>Besides the port, it answers what the webhooks and the reconciliation ask Stripe: a charge's processing fee,
 * transfers, refunds and accounts by id.
 */
public class StripePaymentProvider implements PaymentProvider {

    static final String METRIC = "ftw.payment.provider.calls";
    private static final Logger log = LoggerFactory.getLogger(StripePaymentProvider.class);

    /** A refund as Stripe knows it; {@code refundId} is ours, from its metadata (null when made elsewhere). */
    public record RemoteRefund(
            String id, String status, Money amount, String paymentIntent, UUID refundId, String failureReason) {

        public boolean succeeded() {
            return "succeeded".equals(status);
        }

        public boolean failed() {
            return "failed".equals(status) || "canceled".equals(status);
        }
    }

    /** A transfer as Stripe knows it; {@code payoutId} is ours, from its metadata. */
    public record RemoteTransfer(
            String id, Money amount, long amountReversedMinor, String destination, UUID payoutId) {}

    /** The fee Stripe took on a charge, from its balance transaction. */
    public record ProcessingFee(String balanceTransactionId, Money fee) {}

    private final StripeClient client;
    private final MeterRegistry meters;

    public StripePaymentProvider(StripeSettings settings, MeterRegistry meters) {
        if (!settings.configured()) {
            throw new IllegalArgumentException("The Stripe adapter needs STRIPE_SECRET_KEY");
        }
        this.client = StripeClient.builder()
                .setApiKey(settings.secretKey())
                .setApiBase(settings.apiBase())
                .setHttpClient(new RetryCountingHttpClient(meters))
                .setConnectTimeout(Math.toIntExact(settings.connectTimeout().toMillis()))
                .setReadTimeout(Math.toIntExact(settings.readTimeout().toMillis()))
                .setMaxNetworkRetries(settings.maxNetworkRetries())
                .build();
        this.meters = meters;
        log.info("Payments go to Stripe at {}", settings.apiBase());
    }

    @Override
    public ProviderName name() {
        return ProviderName.STRIPE;
    }

    @Override
    public Payment createPayment(PaymentRequest request) {
        Timer.Sample sample = Timer.start(meters);
        try {
            PaymentIntentCreateParams.Builder params = PaymentIntentCreateParams.builder()
                    .setAmount(request.amount().amountMinor())
                    .setCurrency(request.amount().currency().toLowerCase(Locale.ROOT))
                    .setTransferGroup(request.transferGroup())
                    .setAutomaticPaymentMethods(PaymentIntentCreateParams.AutomaticPaymentMethods.builder()
                            .setEnabled(true)
                            .build());
            if (request.metadata() != null) {
                params.putAllMetadata(request.metadata());
            }
            params.putMetadata("contract_id", request.contractId().toString())
                    .putMetadata("payment_id", request.paymentId().toString());
            PaymentIntent intent =
                    client.v1().paymentIntents().create(params.build(), idempotent(request.idempotencyKey()));
            stop(sample, "create_payment", "success");
            return toPayment(intent);
        } catch (CardException declined) {
            // The card was refused while creating the payment: a FAILED payment, not an outage.
            stop(sample, "create_payment", "declined");
            StripeError error = declined.getStripeError();
            String intentId = error != null && error.getPaymentIntent() != null
                    ? error.getPaymentIntent().getId()
                    : null;
            String reason = declined.getUserMessage() != null ? declined.getUserMessage() : "The card was declined.";
            return new Payment(intentId, PaymentStatus.FAILED, request.amount(), null, null, reason);
        } catch (StripeException e) {
            throw failed(sample, "create_payment", e);
        }
    }

    @Override
    public Payment retrievePayment(String providerPaymentId) {
        return toPayment(
                timed("retrieve_payment", () -> client.v1().paymentIntents().retrieve(providerPaymentId)));
    }

    @Override
    public Transfer transfer(TransferRequest request) {
        Timer.Sample sample = Timer.start(meters);
        try {
            Optional<RemoteTransfer> earlier = transfersOfGroup(request.transferGroup()).stream()
                    .filter(transfer -> request.payoutId().equals(transfer.payoutId()))
                    .findFirst();
            if (earlier.isPresent()) {
                stop(sample, "transfer", "found");
                return new Transfer(earlier.get().id());
            }
            com.stripe.model.Transfer transfer = client.v1()
                    .transfers()
                    .create(
                            TransferCreateParams.builder()
                                    .setAmount(request.amount().amountMinor())
                                    .setCurrency(request.amount().currency().toLowerCase(Locale.ROOT))
                                    .setDestination(request.destinationAccountId())
                                    .setSourceTransaction(request.sourceChargeId())
                                    .setTransferGroup(request.transferGroup())
                                    .putMetadata("payout_id", request.payoutId().toString())
                                    .build(),
                            idempotent(request.idempotencyKey()));
            stop(sample, "transfer", "success");
            return new Transfer(transfer.getId());
        } catch (StripeException e) {
            throw failed(sample, "transfer", e);
        }
    }

    @Override
    public Refund refund(RefundRequest request) {
        Timer.Sample sample = Timer.start(meters);
        try {
            Optional<RemoteRefund> earlier = refundsOf(request.providerPaymentId()).stream()
                    .filter(refund -> request.refundId().equals(refund.refundId()))
                    .findFirst();
            RemoteRefund refund;
            if (earlier.isPresent()) {
                refund = earlier.get();
            } else {
                refund = toRefund(client.v1()
                        .refunds()
                        .create(
                                RefundCreateParams.builder()
                                        .setPaymentIntent(request.providerPaymentId())
                                        .setAmount(request.amount().amountMinor())
                                        .putMetadata(
                                                "refund_id", request.refundId().toString())
                                        .build(),
                                idempotent(request.idempotencyKey())));
            }
            stop(sample, "refund", refund.succeeded() ? "success" : refund.status());
            if (refund.succeeded()) {
                return new Refund(refund.id(), true, null);
            }
            String reason = refund.failed()
                    ? "Stripe refund " + refund.status()
                            + (refund.failureReason() == null ? "" : ": " + refund.failureReason())
                    : "Stripe refund " + refund.status() + "; waiting for Stripe to finish it";
            return new Refund(refund.id(), false, reason);
        } catch (StripeException e) {
            throw failed(sample, "refund", e);
        }
    }

    @Override
    public PayoutAccountLink payoutAccountLink(PayoutAccountRequest request) {
        Timer.Sample sample = Timer.start(meters);
        try {
            Account account;
            if (request.existingAccountId() != null) {
                account = client.v1().accounts().retrieve(request.existingAccountId());
            } else {
                account = client.v1()
                        .accounts()
                        .create(
                                AccountCreateParams.builder()
                                        .setType(AccountCreateParams.Type.EXPRESS)
                                        .setCapabilities(AccountCreateParams.Capabilities.builder()
                                                .setTransfers(AccountCreateParams.Capabilities.Transfers.builder()
                                                        .setRequested(true)
                                                        .build())
                                                .build())
                                        .putMetadata(
                                                "contractor_id",
                                                request.contractorId().toString())
                                        .build(),
                                idempotent("payout-account:" + request.contractorId()));
            }
            boolean payoutsEnabled = Boolean.TRUE.equals(account.getPayoutsEnabled());
            URI onboarding = null;
            if (!payoutsEnabled || !Boolean.TRUE.equals(account.getDetailsSubmitted())) {
                AccountLink link = client.v1()
                        .accountLinks()
                        .create(AccountLinkCreateParams.builder()
                                .setAccount(account.getId())
                                .setType(AccountLinkCreateParams.Type.ACCOUNT_ONBOARDING)
                                .setReturnUrl(request.returnUrl().toString())
                                .setRefreshUrl(request.refreshUrl().toString())
                                .build());
                onboarding = URI.create(link.getUrl());
            }
            stop(sample, "payout_account_link", "success");
            return new PayoutAccountLink(account.getId(), onboarding, payoutsEnabled);
        } catch (StripeException e) {
            throw failed(sample, "payout_account_link", e);
        }
    }

    /** Whether the connected account can receive payouts now (account.updated is re-read here: order matters). */
    public boolean payoutsEnabled(String accountId) {
        Account account = timed("retrieve_account", () -> client.v1().accounts().retrieve(accountId));
        return Boolean.TRUE.equals(account.getPayoutsEnabled());
    }

    /** The fee Stripe took on the charge; empty while its balance transaction does not exist yet. */
    public Optional<ProcessingFee> processingFee(String chargeId) {
        Charge charge = timed(
                "retrieve_charge",
                () -> client.v1()
                        .charges()
                        .retrieve(
                                chargeId,
                                ChargeRetrieveParams.builder()
                                        .addExpand("balance_transaction")
                                        .build()));
        BalanceTransaction balance = charge.getBalanceTransactionObject();
        if (balance == null || balance.getFee() == null) {
            return Optional.empty();
        }
        return Optional.of(new ProcessingFee(balance.getId(), money(balance.getFee(), balance.getCurrency())));
    }

    /** The fee recorded in a balance transaction (reconciliation). */
    public ProcessingFee balanceTransactionFee(String balanceTransactionId) {
        BalanceTransaction balance = timed(
                "retrieve_balance_transaction",
                () -> client.v1().balanceTransactions().retrieve(balanceTransactionId));
        return new ProcessingFee(
                balance.getId(), money(balance.getFee() == null ? 0 : balance.getFee(), balance.getCurrency()));
    }

    public RemoteTransfer retrieveTransfer(String transferId) {
        return toTransfer(
                timed("retrieve_transfer", () -> client.v1().transfers().retrieve(transferId)));
    }

    public RemoteRefund retrieveRefund(String refundId) {
        return toRefund(timed("retrieve_refund", () -> client.v1().refunds().retrieve(refundId)));
    }

    /** The refunds of a payment (at most 100: a payment here is refunded once, or twice after a split). */
    public List<RemoteRefund> refundsOf(String paymentIntentId) throws StripeException {
        return client
                .v1()
                .refunds()
                .list(RefundListParams.builder()
                        .setPaymentIntent(paymentIntentId)
                        .setLimit(100L)
                        .build())
                .getData()
                .stream()
                .map(StripePaymentProvider::toRefund)
                .toList();
    }

    /** {@link #refundsOf} for the webhooks: failures as {@link PaymentProviderException}. */
    public List<RemoteRefund> listRefunds(String paymentIntentId) {
        return timed("list_refunds", () -> refundsOf(paymentIntentId));
    }

    private List<RemoteTransfer> transfersOfGroup(String transferGroup) throws StripeException {
        if (transferGroup == null) {
            return List.of();
        }
        return client
                .v1()
                .transfers()
                .list(TransferListParams.builder()
                        .setTransferGroup(transferGroup)
                        .setLimit(100L)
                        .build())
                .getData()
                .stream()
                .map(StripePaymentProvider::toTransfer)
                .toList();
    }

    /** Stripe's PaymentIntent in the port's terms (also used for the objects that webhooks carry). */
    static Payment toPayment(PaymentIntent intent) {
        String status = intent.getStatus() == null ? "" : intent.getStatus();
        PaymentStatus mapped = switch (status) {
            case "requires_payment_method", "requires_confirmation", "requires_action" ->
                PaymentStatus.REQUIRES_CONFIRMATION;
            case "succeeded" -> PaymentStatus.SUCCEEDED;
            case "canceled" -> PaymentStatus.CANCELLED;
            default -> PaymentStatus.PROCESSING; // processing, requires_capture
        };
        String failure = null;
        if (mapped == PaymentStatus.CANCELLED) {
            failure = "The payment was cancelled at Stripe"
                    + (intent.getCancellationReason() == null ? "." : " (" + intent.getCancellationReason() + ").");
        } else if (intent.getLastPaymentError() != null) {
            failure = intent.getLastPaymentError().getMessage();
        }
        return new Payment(
                intent.getId(),
                mapped,
                intent.getAmount() == null || intent.getCurrency() == null
                        ? null
                        : money(intent.getAmount(), intent.getCurrency()),
                intent.getClientSecret(),
                mapped == PaymentStatus.SUCCEEDED ? intent.getLatestCharge() : null,
                failure);
    }

    static RemoteRefund toRefund(com.stripe.model.Refund refund) {
        return new RemoteRefund(
                refund.getId(),
                refund.getStatus(),
                refund.getAmount() == null || refund.getCurrency() == null
                        ? null
                        : money(refund.getAmount(), refund.getCurrency()),
                refund.getPaymentIntent(),
                uuid(refund.getMetadata(), "refund_id"),
                refund.getFailureReason());
    }

    static RemoteTransfer toTransfer(com.stripe.model.Transfer transfer) {
        return new RemoteTransfer(
                transfer.getId(),
                money(transfer.getAmount() == null ? 0 : transfer.getAmount(), transfer.getCurrency()),
                transfer.getAmountReversed() == null ? 0 : transfer.getAmountReversed(),
                transfer.getDestination(),
                uuid(transfer.getMetadata(), "payout_id"));
    }

    static Money money(long amountMinor, String currency) {
        return new Money(amountMinor, currency == null ? "XXX" : currency.toUpperCase(Locale.ROOT));
    }

    static UUID uuid(Map<String, String> metadata, String key) {
        if (metadata == null || metadata.get(key) == null) {
            return null;
        }
        try {
            return UUID.fromString(metadata.get(key));
        } catch (IllegalArgumentException notOurs) {
            return null;
        }
    }

    private static RequestOptions idempotent(String key) {
        return RequestOptions.builder().setIdempotencyKey(key).build();
    }

    /** A Stripe call that only throws Stripe's checked exception. */
    @FunctionalInterface
    private interface StripeCall<T> {
        T call() throws StripeException;
    }

    /** Runs one Stripe call, timed under {@value #METRIC} with its outcome; failures become the port's exception. */
    private <T> T timed(String operation, StripeCall<T> call) {
        Timer.Sample sample = Timer.start(meters);
        try {
            T result = call.call();
            stop(sample, operation, "success");
            return result;
        } catch (StripeException e) {
            throw failed(sample, operation, e);
        }
    }

    private void stop(Timer.Sample sample, String operation, String outcome) {
        sample.stop(Timer.builder(METRIC)
                .description("Calls to the payment provider")
                .tag("provider", "stripe")
                .tag("operation", operation)
                .tag("outcome", outcome)
                .register(meters));
    }

    /** Stripe's error as the port's; the message names Stripe's error type, code and request id, never the key. */
    private PaymentProviderException failed(Timer.Sample sample, String operation, StripeException e) {
        String outcome = e instanceof ApiConnectionException
                        || e.getStatusCode() == null
                        || e.getStatusCode() >= 500
                        || e.getStatusCode() == 429
                ? "unavailable"
                : "refused";
        stop(sample, operation, outcome);
        String detail = e instanceof AuthenticationException || e instanceof PermissionException
                ? "authentication or permission refused (check STRIPE_SECRET_KEY)"
                : e.getMessage();
        String message = "Stripe " + operation + " failed (" + e.getClass().getSimpleName()
                + (e.getStatusCode() == null ? "" : ", HTTP " + e.getStatusCode()) + "): " + detail;
        if (!(e instanceof InvalidRequestException && "resource_missing".equals(e.getCode()))) {
            log.warn("{}", message); // an unknown id is the caller's finding (reconciliation), not an incident
        }
        return new PaymentProviderException(message, e);
    }
}
