package com.fairtradeworker.escrow.stripe;

import static com.fairtradeworker.escrow.stripe.StripeStub.error;
import static com.fairtradeworker.escrow.stripe.StripeStub.json;
import static com.fairtradeworker.escrow.stripe.StripeStub.list;
import static com.fairtradeworker.escrow.stripe.StripeStub.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fairtradeworker.escrow.PaymentProvider;
import com.fairtradeworker.escrow.PaymentProvider.PaymentStatus;
import com.fairtradeworker.escrow.PaymentProviderException;
import com.fairtradeworker.shared.Money;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Stripe adapter against an in-process stand-in for api.stripe.com: the form fields and idempotency keys it sends,
 * how Stripe's answers map onto the port, and that a retry (the client's own after a 500 or a time-out, or ours on the
 * next attempt) carries the same Idempotency-Key, so Stripe replays its first answer instead of charging twice.
 */
class StripePaymentProviderTest {

    static final StripeIdempotencyKeys keys = new StripeIdempotencyKeys();
    static WireMockServer stripe;

    SimpleMeterRegistry meters;
    StripePaymentProvider provider;

    @BeforeAll
    static void startStripe() {
        stripe = StripeStub.start(keys);
    }

    @AfterAll
    static void stopStripe() {
        stripe.stop();
    }

    @BeforeEach
    void freshStubs() {
        stripe.resetAll();
        keys.forget();
        meters = new SimpleMeterRegistry();
        provider = StripeStub.provider(stripe, meters);
    }

    @Test
    void createPaymentSendsAPaymentIntentWithTheOperationsIdempotencyKey() {
        UUID contract = UUID.randomUUID();
        UUID payment = UUID.randomUUID();
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents"))
                .willReturn(ok(StripeStub.paymentIntent(
                        "pi_create", "requires_payment_method", 30_000, "usd", null, payment))));

        PaymentProvider.Payment created = provider.createPayment(request(contract, payment, "fund:" + contract + ":1"));

        assertThat(created.id()).isEqualTo("pi_create");
        assertThat(created.status()).isEqualTo(PaymentStatus.REQUIRES_CONFIRMATION);
        assertThat(created.clientSecret()).isEqualTo("pi_create_secret_test");
        assertThat(created.amount()).isEqualTo(Money.of(30_000, "USD"));
        stripe.verify(
                1,
                postRequestedFor(urlPathEqualTo("/v1/payment_intents"))
                        .withHeader("Idempotency-Key", equalTo("fund:" + contract + ":1"))
                        .withHeader("Authorization", equalTo("Bearer " + StripeStub.SECRET_KEY))
                        .withFormParam("amount", equalTo("30000"))
                        .withFormParam("currency", equalTo("usd"))
                        .withFormParam("transfer_group", equalTo("contract_" + contract))
                        .withFormParam("automatic_payment_methods[enabled]", equalTo("true"))
                        .withFormParam("metadata[contract_id]", equalTo(contract.toString()))
                        .withFormParam("metadata[payment_id]", equalTo(payment.toString())));
        assertThat(meters.get(StripePaymentProvider.METRIC)
                        .tags("operation", "create_payment", "outcome", "success")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void paymentIntentStatusesMapOntoThePort() {
        Map<String, PaymentStatus> expected = Map.of(
                "requires_payment_method", PaymentStatus.REQUIRES_CONFIRMATION,
                "requires_confirmation", PaymentStatus.REQUIRES_CONFIRMATION,
                "requires_action", PaymentStatus.REQUIRES_CONFIRMATION,
                "processing", PaymentStatus.PROCESSING,
                "succeeded", PaymentStatus.SUCCEEDED,
                "canceled", PaymentStatus.CANCELLED);
        expected.forEach((status, mapped) -> {
            String id = "pi_" + status.replace("_", "");
            stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/" + id))
                    .willReturn(ok(StripeStub.paymentIntent(id, status, 12_345, "usd", "ch_" + status, null))));

            PaymentProvider.Payment payment = provider.retrievePayment(id);

            assertThat(payment.status()).as(status).isEqualTo(mapped);
            assertThat(payment.amount()).isEqualTo(Money.of(12_345, "USD"));
            assertThat(payment.chargeId())
                    .as("the charge is the transfers' source once succeeded")
                    .isEqualTo(mapped == PaymentStatus.SUCCEEDED ? "ch_" + status : null);
        });
    }

    @Test
    void aRetryAfterA500ReusesTheSameIdempotencyKeySoNothingIsChargedTwice() {
        UUID contract = UUID.randomUUID();
        UUID payment = UUID.randomUUID();
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents"))
                .inScenario("500 then 200")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(500, error("api_error", null, "Something went wrong on Stripe's end.")))
                .willSetStateTo("failed once"));
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents"))
                .inScenario("500 then 200")
                .whenScenarioStateIs("failed once")
                .willReturn(ok(StripeStub.paymentIntent(
                        "pi_retried", "requires_payment_method", 30_000, "usd", null, payment))));

        PaymentProvider.Payment created = provider.createPayment(request(contract, payment, "fund:" + contract + ":1"));

        assertThat(created.id()).isEqualTo("pi_retried");
        List<LoggedRequest> sent = stripe.findAll(postRequestedFor(urlPathEqualTo("/v1/payment_intents")));
        assertThat(sent).hasSize(2);
        assertThat(sent)
                .allSatisfy(request ->
                        assertThat(request.getHeader("Idempotency-Key")).isEqualTo("fund:" + contract + ":1"));
        assertThat(meters.get(RetryCountingHttpClient.METRIC)
                        .tags("resource", "payment_intents")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aRetryAfterATimeOutReusesTheSameIdempotencyKey() {
        UUID payout = UUID.randomUUID();
        stripe.stubFor(get(urlPathEqualTo("/v1/transfers")).willReturn(ok(list("/v1/transfers"))));
        stripe.stubFor(post(urlPathEqualTo("/v1/transfers"))
                .inScenario("slow then fast")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(ok(StripeStub.transfer("tr_slow", 9_500, 0, "acct_1", payout))
                        .withFixedDelay(2_500)) // past the 1 s read time-out
                .willSetStateTo("answered late"));
        stripe.stubFor(post(urlPathEqualTo("/v1/transfers"))
                .inScenario("slow then fast")
                .whenScenarioStateIs("answered late")
                .willReturn(ok(StripeStub.transfer("tr_slow", 9_500, 0, "acct_1", payout))));

        PaymentProvider.Transfer transfer = provider.transfer(new PaymentProvider.TransferRequest(
                payout, "acct_1", Money.of(9_500, "USD"), "ch_source", "contract_x", "payout:" + payout));

        assertThat(transfer.id()).isEqualTo("tr_slow");
        List<LoggedRequest> sent = stripe.findAll(postRequestedFor(urlPathEqualTo("/v1/transfers")));
        assertThat(sent).hasSize(2);
        assertThat(sent)
                .allSatisfy(request ->
                        assertThat(request.getHeader("Idempotency-Key")).isEqualTo("payout:" + payout));
    }

    @Test
    void whenTheClientGivesUpTheNextAttemptSendsTheSameKeyAgain() {
        provider = new StripePaymentProvider(StripeStub.settings(stripe, 0, Duration.ofSeconds(1)), meters);
        UUID contract = UUID.randomUUID();
        UUID payment = UUID.randomUUID();
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents"))
                .inScenario("down, then up")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(503, error("api_error", null, "Stripe is unavailable.")))
                .willSetStateTo("up"));
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents"))
                .inScenario("down, then up")
                .whenScenarioStateIs("up")
                .willReturn(ok(StripeStub.paymentIntent(
                        "pi_later", "requires_payment_method", 30_000, "usd", null, payment))));

        assertThatThrownBy(() -> provider.createPayment(request(contract, payment, "fund:" + contract + ":1")))
                .isInstanceOf(PaymentProviderException.class)
                .hasMessageContaining("HTTP 503")
                .hasMessageNotContaining(StripeStub.SECRET_KEY);
        PaymentProvider.Payment created = provider.createPayment(request(contract, payment, "fund:" + contract + ":1"));

        assertThat(created.id()).isEqualTo("pi_later");
        assertThat(stripe.findAll(postRequestedFor(urlPathEqualTo("/v1/payment_intents"))))
                .extracting(request -> request.getHeader("Idempotency-Key"))
                .containsExactly("fund:" + contract + ":1", "fund:" + contract + ":1");
        assertThat(meters.get(StripePaymentProvider.METRIC)
                        .tags("operation", "create_payment", "outcome", "unavailable")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aReusedIdempotencyKeyWithAChangedAmountIsRefusedAndNothingIsMadeTwice() {
        UUID contract = UUID.randomUUID();
        UUID payment = UUID.randomUUID();
        UUID payout = UUID.randomUUID();
        UUID refund = UUID.randomUUID();
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents"))
                .willReturn(ok(
                        StripeStub.paymentIntent("pi_once", "requires_payment_method", 30_000, "usd", null, payment))));
        stripe.stubFor(get(urlPathEqualTo("/v1/transfers")).willReturn(ok(list("/v1/transfers"))));
        stripe.stubFor(post(urlPathEqualTo("/v1/transfers"))
                .willReturn(ok(StripeStub.transfer("tr_once", 28_500, 0, "acct_1", payout))));
        stripe.stubFor(get(urlPathEqualTo("/v1/refunds")).willReturn(ok(list("/v1/refunds"))));
        stripe.stubFor(post(urlPathEqualTo("/v1/refunds"))
                .willReturn(ok(StripeStub.refund("re_once", "succeeded", 10_000, "pi_paid", refund))));
        String fundKey = "fund:" + contract + ":" + payment;
        PaymentProvider.PaymentRequest charge = request(contract, payment, fundKey);
        PaymentProvider.TransferRequest transfer = new PaymentProvider.TransferRequest(
                payout, "acct_1", Money.of(28_500, "USD"), "ch_source", "contract_" + contract, "payout:" + payout);
        PaymentProvider.RefundRequest giveBack =
                new PaymentProvider.RefundRequest(refund, "pi_paid", Money.of(10_000, "USD"), "refund:" + refund);

        assertThat(provider.createPayment(charge).id()).isEqualTo("pi_once");
        assertThat(provider.transfer(transfer).id()).isEqualTo("tr_once");
        assertThat(provider.refund(giveBack).succeeded()).isTrue();
        // The same operations again (a retry): Stripe replays its first answers.
        assertThat(provider.createPayment(charge).id()).isEqualTo("pi_once");
        assertThat(provider.transfer(transfer).id()).isEqualTo("tr_once");
        assertThat(provider.refund(giveBack).id()).isEqualTo("re_once");

        // The same keys with changed amounts are refused by Stripe, and the adapter reports the refusal.
        PaymentProvider.PaymentRequest moreCharged = new PaymentProvider.PaymentRequest(
                contract, payment, Money.of(31_000, "USD"), charge.transferGroup(), fundKey, charge.metadata());
        assertThatThrownBy(() -> provider.createPayment(moreCharged))
                .isInstanceOf(PaymentProviderException.class)
                .hasMessageContaining("IdempotencyException")
                .hasMessageContaining("HTTP 400");
        PaymentProvider.TransferRequest morePaid = new PaymentProvider.TransferRequest(
                UUID.randomUUID(), // not found among the earlier transfers, so it reaches Stripe
                "acct_1",
                Money.of(29_000, "USD"),
                "ch_source",
                transfer.transferGroup(),
                transfer.idempotencyKey());
        assertThatThrownBy(() -> provider.transfer(morePaid))
                .isInstanceOf(PaymentProviderException.class)
                .hasMessageContaining("IdempotencyException");
        PaymentProvider.RefundRequest moreRefunded = new PaymentProvider.RefundRequest(
                UUID.randomUUID(), "pi_paid", Money.of(12_000, "USD"), giveBack.idempotencyKey());
        assertThatThrownBy(() -> provider.refund(moreRefunded))
                .isInstanceOf(PaymentProviderException.class)
                .hasMessageContaining("IdempotencyException");

        assertThat(keys.created()).as("objects Stripe created").isEqualTo(3);
        assertThat(stripe.findAll(postRequestedFor(urlPathEqualTo("/v1/payment_intents"))))
                .hasSize(3); // a 400 is not retried
        for (String operation : new String[] {"create_payment", "transfer", "refund"}) {
            assertThat(meters.get(StripePaymentProvider.METRIC)
                            .tags("operation", operation, "outcome", "refused")
                            .timer()
                            .count())
                    .as(operation)
                    .isEqualTo(1);
        }
    }

    @Test
    void aCardDeclinedWhileCreatingThePaymentIsAFailedPaymentNotAnOutage() {
        UUID contract = UUID.randomUUID();
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents")).willReturn(json(402, """
                        {"error": {"type": "card_error", "code": "card_declined", "decline_code": "generic_decline",
                                   "message": "Your card was declined.",
                                   "payment_intent": {"id": "pi_declined", "object": "payment_intent",
                                                      "status": "requires_payment_method"}}}""")));

        PaymentProvider.Payment declined =
                provider.createPayment(request(contract, UUID.randomUUID(), "fund:" + contract + ":1"));

        assertThat(declined.status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(declined.id()).isEqualTo("pi_declined");
        assertThat(declined.failureReason()).isEqualTo("Your card was declined.");
    }

    @Test
    void stripesOtherRefusalsArePaymentProviderExceptionsThatNeverShowTheKey() {
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/pi_auth"))
                .willReturn(json(
                        401,
                        error("invalid_request_error", null, "Invalid API Key provided: " + StripeStub.SECRET_KEY))));
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/pi_missing"))
                .willReturn(json(404, error("invalid_request_error", "resource_missing", "No such payment_intent"))));

        assertThatThrownBy(() -> provider.retrievePayment("pi_auth"))
                .isInstanceOf(PaymentProviderException.class)
                .hasMessageContaining("check STRIPE_SECRET_KEY")
                .hasMessageNotContaining(StripeStub.SECRET_KEY);
        assertThatThrownBy(() -> provider.retrievePayment("pi_missing"))
                .isInstanceOf(PaymentProviderException.class)
                .hasMessageContaining("resource_missing");
    }

    @Test
    void transferSendsDestinationSourceChargeGroupAndKeyAndFindsAnEarlierOneFirst() {
        UUID payout = UUID.randomUUID();
        stripe.stubFor(get(urlPathEqualTo("/v1/transfers")).willReturn(ok(list("/v1/transfers"))));
        stripe.stubFor(post(urlPathEqualTo("/v1/transfers"))
                .willReturn(ok(StripeStub.transfer("tr_new", 28_500, 0, "acct_dest", payout))));

        PaymentProvider.Transfer transfer = provider.transfer(new PaymentProvider.TransferRequest(
                payout, "acct_dest", Money.of(28_500, "USD"), "ch_funding", "contract_g", "payout:" + payout));

        assertThat(transfer.id()).isEqualTo("tr_new");
        stripe.verify(getRequestedFor(urlPathEqualTo("/v1/transfers"))
                .withQueryParam("transfer_group", equalTo("contract_g")));
        stripe.verify(
                1,
                postRequestedFor(urlPathEqualTo("/v1/transfers"))
                        .withHeader("Idempotency-Key", equalTo("payout:" + payout))
                        .withFormParam("amount", equalTo("28500"))
                        .withFormParam("currency", equalTo("usd"))
                        .withFormParam("destination", equalTo("acct_dest"))
                        .withFormParam("source_transaction", equalTo("ch_funding"))
                        .withFormParam("transfer_group", equalTo("contract_g"))
                        .withFormParam("metadata[payout_id]", equalTo(payout.toString())));

        // Days later (Stripe has forgotten the key), a retry finds the transfer by our id instead of sending another.
        stripe.resetAll();
        stripe.stubFor(get(urlPathEqualTo("/v1/transfers"))
                .willReturn(ok(list("/v1/transfers", StripeStub.transfer("tr_new", 28_500, 0, "acct_dest", payout)))));
        PaymentProvider.Transfer again = provider.transfer(new PaymentProvider.TransferRequest(
                payout, "acct_dest", Money.of(28_500, "USD"), "ch_funding", "contract_g", "payout:" + payout));
        assertThat(again.id()).isEqualTo("tr_new");
        stripe.verify(0, postRequestedFor(urlPathEqualTo("/v1/transfers")));
    }

    @Test
    void refundSendsThePaymentAmountAndKeyAndReportsPendingAsNotDoneYet() {
        UUID refund = UUID.randomUUID();
        stripe.stubFor(get(urlPathEqualTo("/v1/refunds")).willReturn(ok(list("/v1/refunds"))));
        stripe.stubFor(post(urlPathEqualTo("/v1/refunds"))
                .willReturn(ok(StripeStub.refund("re_1", "pending", 40_000, "pi_paid", refund))));

        PaymentProvider.Refund pending = provider.refund(
                new PaymentProvider.RefundRequest(refund, "pi_paid", Money.of(40_000, "USD"), "refund:tx-1"));

        assertThat(pending.id()).isEqualTo("re_1");
        assertThat(pending.succeeded()).isFalse();
        assertThat(pending.failureReason()).contains("pending");
        stripe.verify(
                1,
                postRequestedFor(urlPathEqualTo("/v1/refunds"))
                        .withHeader("Idempotency-Key", equalTo("refund:tx-1"))
                        .withFormParam("payment_intent", equalTo("pi_paid"))
                        .withFormParam("amount", equalTo("40000"))
                        .withFormParam("metadata[refund_id]", equalTo(refund.toString())));

        // The next attempt finds the refund by our id and sees that Stripe finished it: no second refund.
        stripe.resetAll();
        stripe.stubFor(get(urlPathEqualTo("/v1/refunds"))
                .willReturn(
                        ok(list("/v1/refunds", StripeStub.refund("re_1", "succeeded", 40_000, "pi_paid", refund)))));
        PaymentProvider.Refund done = provider.refund(
                new PaymentProvider.RefundRequest(refund, "pi_paid", Money.of(40_000, "USD"), "refund:tx-1"));
        assertThat(done.succeeded()).isTrue();
        assertThat(done.id()).isEqualTo("re_1");
        stripe.verify(0, postRequestedFor(urlPathEqualTo("/v1/refunds")));
    }

    @Test
    void aPayoutAccountIsAConnectExpressAccountCreatedOnceWithAnOnboardingLink() {
        UUID contractor = UUID.randomUUID();
        stripe.stubFor(post(urlPathEqualTo("/v1/accounts")).willReturn(ok(StripeStub.account("acct_new", false))));
        stripe.stubFor(post(urlPathEqualTo("/v1/account_links")).willReturn(ok("""
                        {"object": "account_link", "url": "https://connect.stripe.test/setup/e/acct_new/abc",
                         "created": 1780000000, "expires_at": 1780000300}""")));
        URI settings = URI.create("http://localhost:5173/settings/payouts");

        PaymentProvider.PayoutAccountLink link = provider.payoutAccountLink(
                new PaymentProvider.PayoutAccountRequest(contractor, null, settings, settings));

        assertThat(link.accountId()).isEqualTo("acct_new");
        assertThat(link.payoutsEnabled()).isFalse();
        assertThat(link.onboardingUrl()).hasToString("https://connect.stripe.test/setup/e/acct_new/abc");
        stripe.verify(
                1,
                postRequestedFor(urlPathEqualTo("/v1/accounts"))
                        .withHeader("Idempotency-Key", equalTo("payout-account:" + contractor))
                        .withFormParam("type", equalTo("express"))
                        .withFormParam("capabilities[transfers][requested]", equalTo("true"))
                        .withFormParam("metadata[contractor_id]", equalTo(contractor.toString())));
        stripe.verify(
                1,
                postRequestedFor(urlPathEqualTo("/v1/account_links"))
                        .withFormParam("account", equalTo("acct_new"))
                        .withFormParam("type", equalTo("account_onboarding"))
                        .withFormParam("return_url", equalTo(settings.toString()))
                        .withFormParam("refresh_url", equalTo(settings.toString())));

        // Once onboarding is done, the existing account is read and no link is needed.
        stripe.stubFor(
                get(urlPathEqualTo("/v1/accounts/acct_new")).willReturn(ok(StripeStub.account("acct_new", true))));
        PaymentProvider.PayoutAccountLink ready = provider.payoutAccountLink(
                new PaymentProvider.PayoutAccountRequest(contractor, "acct_new", settings, settings));
        assertThat(ready.payoutsEnabled()).isTrue();
        assertThat(ready.onboardingUrl()).isNull();
        stripe.verify(1, postRequestedFor(urlPathEqualTo("/v1/accounts")));
    }

    @Test
    void theProcessingFeeComesFromTheChargesBalanceTransaction() {
        stripe.stubFor(get(urlPathEqualTo("/v1/charges/ch_fee"))
                .willReturn(ok(StripeStub.chargeWithFee("ch_fee", "pi_fee", 30_000, 900))));

        StripePaymentProvider.ProcessingFee fee =
                provider.processingFee("ch_fee").orElseThrow();

        assertThat(fee.fee()).isEqualTo(Money.of(900, "USD"));
        assertThat(fee.balanceTransactionId()).isEqualTo("txn_ch_fee");
        stripe.verify(getRequestedFor(urlPathEqualTo("/v1/charges/ch_fee"))
                .withQueryParam("expand[0]", equalTo("balance_transaction")));
    }

    private static PaymentProvider.PaymentRequest request(UUID contract, UUID payment, String key) {
        return new PaymentProvider.PaymentRequest(
                contract,
                payment,
                Money.of(30_000, "USD"),
                "contract_" + contract,
                key,
                Map.of("contract_id", contract.toString(), "payment_id", payment.toString()));
    }
}
