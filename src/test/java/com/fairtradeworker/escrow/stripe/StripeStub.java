package com.fairtradeworker.escrow.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.stripe.net.Webhook;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.UUID;

/**
 * An in-process stand-in for api.stripe.com (WireMock on a free loopback port) and the JSON Stripe sends: objects,
 * lists, errors, and signed webhook events. Test keys only; nothing here reaches Stripe.
 */
final class StripeStub {

    static final String SECRET_KEY = "sk_test_suite_only_0000000000";
    /** The signing secret of the suite (application-test.yml), so the real webhook route accepts these events. */
    static final String WEBHOOK_SECRET = "whsec_test_fairtradeworker_suite_only";
    /** The connected accounts' endpoint's secret, for the handlers these tests build. */
    static final String CONNECT_WEBHOOK_SECRET = "whsec_test_connect_suite_only";

    private StripeStub() {}

    static WireMockServer start() {
        return start(new StripeIdempotencyKeys());
    }

    /** A stand-in that keeps Stripe's idempotency rule with {@code keys} (see {@link StripeIdempotencyKeys}). */
    static WireMockServer start(StripeIdempotencyKeys keys) {
        WireMockServer server = new WireMockServer(
                options().bindAddress("127.0.0.1").dynamicPort().extensions(keys));
        server.start();
        return server;
    }

    static StripeSettings settings(WireMockServer server, int retries, Duration readTimeout) {
        return new StripeSettings(
                SECRET_KEY,
                WEBHOOK_SECRET,
                CONNECT_WEBHOOK_SECRET,
                server.baseUrl(),
                Duration.ofSeconds(2),
                readTimeout,
                retries);
    }

    static StripePaymentProvider provider(WireMockServer server, MeterRegistry meters) {
        return new StripePaymentProvider(settings(server, 2, Duration.ofSeconds(1)), meters);
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("Request-Id", "req_" + UUID.randomUUID().toString().replace("-", ""))
                .withBody(body);
    }

    static ResponseDefinitionBuilder ok(String body) {
        return json(200, body);
    }

    static String paymentIntent(String id, String status, long amount, String currency, String charge, UUID payment) {
        return """
                {"id": "%s", "object": "payment_intent", "amount": %d, "currency": "%s", "status": "%s",
                 "client_secret": "%s_secret_test", "latest_charge": %s, "transfer_group": "contract_test",
                 "metadata": {"payment_id": "%s"}, "livemode": false}""".formatted(
                        id,
                        amount,
                        currency,
                        status,
                        id,
                        charge == null ? "null" : "\"" + charge + "\"",
                        payment == null ? "" : payment);
    }

    static String chargeWithFee(String id, String paymentIntent, long amount, long fee) {
        return """
                {"id": "%s", "object": "charge", "amount": %d, "currency": "usd", "payment_intent": "%s",
                 "status": "succeeded",
                 "balance_transaction": {"id": "txn_%s", "object": "balance_transaction", "amount": %d,
                                         "currency": "usd", "fee": %d, "net": %d, "status": "available",
                                         "type": "charge"}}""".formatted(id, amount, paymentIntent, id, amount, fee, amount - fee);
    }

    static String balanceTransaction(String id, long fee) {
        return """
                {"id": "%s", "object": "balance_transaction", "amount": 0, "currency": "usd", "fee": %d,
                 "status": "available", "type": "charge"}""".formatted(id, fee);
    }

    static String refund(String id, String status, long amount, String paymentIntent, UUID refundId) {
        return """
                {"id": "%s", "object": "refund", "amount": %d, "currency": "usd", "status": "%s",
                 "payment_intent": "%s", "metadata": {%s}}""".formatted(
                id, amount, status, paymentIntent, refundId == null ? "" : "\"refund_id\": \"" + refundId + "\"");
    }

    static String transfer(String id, long amount, long reversed, String destination, UUID payoutId) {
        return """
                {"id": "%s", "object": "transfer", "amount": %d, "amount_reversed": %d, "currency": "usd",
                 "destination": "%s", "reversed": %s, "transfer_group": "contract_test",
                 "metadata": {%s}}""".formatted(
                        id,
                        amount,
                        reversed,
                        destination,
                        reversed >= amount && amount > 0,
                        payoutId == null ? "" : "\"payout_id\": \"" + payoutId + "\"");
    }

    static String account(String id, boolean payoutsEnabled) {
        return """
                {"id": "%s", "object": "account", "type": "express", "payouts_enabled": %s,
                 "details_submitted": %s, "charges_enabled": false, "metadata": {}}""".formatted(id, payoutsEnabled, payoutsEnabled);
    }

    static String dispute(String id, String charge, String paymentIntent, long amount) {
        return """
                {"id": "%s", "object": "dispute", "amount": %d, "currency": "usd", "charge": "%s",
                 "payment_intent": "%s", "reason": "fraudulent", "status": "needs_response",
                 "evidence": {"customer_name": "Somebody", "customer_email_address": "someone@example.test"}}""".formatted(id, amount, charge, paymentIntent);
    }

    static String list(String url, String... objects) {
        return """
                {"object": "list", "url": "%s", "has_more": false, "data": [%s]}""".formatted(url, String.join(",", objects));
    }

    static String error(String type, String code, String message) {
        return """
                {"error": {"type": "%s", "code": %s, "message": "%s"}}""".formatted(type, code == null ? "null" : "\"" + code + "\"", message);
    }

    static String event(String id, String type, String object) {
        return """
                {"id": "%s", "object": "event", "api_version": "2026-07-29.dahlia", "created": 1780000000,
                 "livemode": false, "pending_webhooks": 1, "type": "%s", "data": {"object": %s}}""".formatted(id, type, object);
    }

    static String newEventId() {
        return "evt_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** The Stripe-Signature header Stripe would send for the payload at {@code epochSeconds}. */
    static String sign(String payload, long epochSeconds) {
        return sign(payload, epochSeconds, WEBHOOK_SECRET);
    }

    static String sign(String payload, long epochSeconds, String secret) {
        try {
            return Webhook.Signature.generateSignatureHeader(payload, secret, epochSeconds);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String id(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }
}
