package com.fairtradeworker.escrow.stripe;

import static com.fairtradeworker.escrow.stripe.StripeStub.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.audit.AuditLog;
import com.fairtradeworker.escrow.EscrowApi;
import com.fairtradeworker.escrow.ProviderEvents;
import com.fairtradeworker.profiles.ProfilesApi;
import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.EscrowFixtures.Funded;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.UUID;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Stripe side of a test's money: a webhook handler wired with the application's escrow and a Stripe adapter that
 * talks to the stand-in, payments of the STRIPE provider, and signed deliveries.
 */
final class StripeMoney {

    /** A contract's payment at Stripe: our payment row, the PaymentIntent and its charge. */
    record StripePayment(UUID payment, String paymentIntent, String charge) {}

    final WireMockServer stripe;
    final StripePaymentProvider provider;
    final StripeWebhooks webhooks;
    private final DatabaseRoles db;
    private final Clock clock;

    StripeMoney(
            WireMockServer stripe,
            MeterRegistry meters,
            ProviderEvents escrow,
            EscrowApi escrowApi,
            ProfilesApi profiles,
            StripeRecords records,
            WebhookEvents events,
            AuditLog audit,
            TransactionTemplate transactions,
            JsonMapper json,
            Clock clock,
            DatabaseRoles db) {
        this.stripe = stripe;
        this.provider = StripeStub.provider(stripe, meters);
        this.webhooks = new StripeWebhooks(
                StripeStub.settings(stripe, 2, java.time.Duration.ofSeconds(1)),
                provider,
                escrow,
                escrowApi,
                profiles,
                records,
                events,
                audit,
                transactions,
                json,
                clock,
                meters);
        this.db = db;
        this.clock = clock;
    }

    /** The contract's payment as Funding leaves it with Stripe: PROCESSING, waiting for the payer's confirmation. */
    StripePayment processingPayment(Funded contract, long amountMinor) {
        StripePayment payment = new StripePayment(UUID.randomUUID(), StripeStub.id("pi"), StripeStub.id("ch"));
        db.app()
                .sql("""
                        INSERT INTO payments (id, contract_id, provider, provider_payment_id, amount_minor, currency,
                                              status, idempotency_key)
                        VALUES (?, ?, 'STRIPE', ?, ?, 'USD', 'PROCESSING', ?)""")
                .params(
                        payment.payment(),
                        contract.contract(),
                        payment.paymentIntent(),
                        amountMinor,
                        "fund:" + contract.contract() + ":" + payment.payment())
                .update();
        return payment;
    }

    /** Stripe says the PaymentIntent is (now) in this state, for this amount, with this fee on its charge. */
    void stripeSays(StripePayment payment, String status, long amountMinor, String currency, long feeMinor) {
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/" + payment.paymentIntent()))
                .willReturn(ok(StripeStub.paymentIntent(
                        payment.paymentIntent(),
                        status,
                        amountMinor,
                        currency,
                        "succeeded".equals(status) ? payment.charge() : null,
                        payment.payment()))));
        stripe.stubFor(get(urlPathEqualTo("/v1/charges/" + payment.charge()))
                .willReturn(ok(
                        StripeStub.chargeWithFee(payment.charge(), payment.paymentIntent(), amountMinor, feeMinor))));
    }

    /** A payment_intent event about the payment, with the object as it was when the event happened. */
    String paymentEvent(String type, StripePayment payment, String status, long amountMinor) {
        return StripeStub.event(
                StripeStub.newEventId(),
                type,
                StripeStub.paymentIntent(
                        payment.paymentIntent(),
                        status,
                        amountMinor,
                        "usd",
                        "succeeded".equals(status) ? payment.charge() : null,
                        payment.payment()));
    }

    /** A delivery signed as Stripe signs it, now. */
    StripeWebhooks.Result deliver(String payload) {
        return webhooks.receive(payload, StripeStub.sign(payload, clock.millis() / 1000));
    }

    /** A delivery to the connected accounts' endpoint (its own signing secret), such as account.updated. */
    StripeWebhooks.Result deliverFromConnect(String payload) {
        return webhooks.receive(
                payload, StripeStub.sign(payload, clock.millis() / 1000, StripeStub.CONNECT_WEBHOOK_SECRET));
    }

    /** Funds the pending contract through Stripe: the payment, then its payment_intent.succeeded event. */
    StripePayment fund(Funded pending, long amountMinor, long feeMinor) {
        StripePayment payment = processingPayment(pending, amountMinor);
        stripeSays(payment, "succeeded", amountMinor, "usd", feeMinor);
        StripeWebhooks.Result result =
                deliver(paymentEvent("payment_intent.succeeded", payment, "succeeded", amountMinor));
        assertThat(result.outcome()).isEqualTo(StripeWebhooks.Outcome.PROCESSED);
        return payment;
    }

    String eventId(String payload) {
        return payload.substring(payload.indexOf("\"id\": \"") + 7, payload.indexOf("\", \"object\": \"event\""));
    }
}
