package com.fairtradeworker.escrow.stripe;

import static com.fairtradeworker.escrow.stripe.StripeStub.json;
import static com.fairtradeworker.escrow.stripe.StripeStub.list;
import static com.fairtradeworker.escrow.stripe.StripeStub.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.EscrowFixtures;
import com.fairtradeworker.support.EscrowFixtures.Funded;
import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.LedgerInvariants;
import com.fairtradeworker.support.MarketplaceFixtures;
import com.fairtradeworker.support.MutableClock;
import com.fairtradeworker.support.SwitchablePaymentProvider;
import com.fairtradeworker.support.TestAccounts;
import com.fairtradeworker.timers.TimerPoller;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The Stripe path end to end: the application's own routes, webhook endpoint and timers, with its payment provider
 * switched to the Stripe adapter pointed at the in-process stand-in (which keeps Stripe's idempotency rule). Funding
 * creates a PaymentIntent and answers its client secret, Stripe's event funds the escrow, approval releases it, the
 * payout waits for {@code account.updated} and is then paid by one Transfer; a payment that succeeds after its contract
 * was cancelled is refunded by one Refund, whatever the duplicates and retries.
 */
@IntegrationTest
class StripeEscrowFlowTest {

    static final StripeIdempotencyKeys keys = new StripeIdempotencyKeys();
    static WireMockServer stripe;

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Autowired
    DatabaseRoles db;

    @Autowired
    MutableClock clock;

    @Autowired
    SwitchablePaymentProvider provider;

    @Autowired
    TimerPoller timers;

    EscrowFixtures escrow;

    @BeforeAll
    static void startStripe() {
        stripe = StripeStub.start(keys);
    }

    @AfterAll
    static void stopStripe() {
        stripe.stop();
    }

    @BeforeEach
    void useStripe() {
        stripe.resetAll();
        keys.forget();
        escrow = new EscrowFixtures(api, new MarketplaceFixtures(api, accounts, db, clock));
        provider.use(StripeStub.provider(stripe, new SimpleMeterRegistry()));
    }

    @AfterEach
    void backToTheSimulatedProvider() {
        provider.reset();
        new LedgerInvariants(db).assertHold();
    }

    @Test
    void fundingReleaseAndAPayoutThatWaitsForAccountUpdated() {
        Funded contract = escrow.pendingContract(120_000);
        String intent = StripeStub.id("pi");
        String charge = StripeStub.id("ch");
        String account = StripeStub.id("acct");
        stripe.stubFor(post(urlPathEqualTo("/v1/accounts")).willReturn(ok(StripeStub.account(account, false))));
        stripe.stubFor(post(urlPathEqualTo("/v1/account_links")).willReturn(ok("""
                        {"object": "account_link", "url": "https://connect.stripe.com/setup/e/%s/onboard",
                         "created": 1780000000, "expires_at": 1780000300}""".formatted(account))));
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents"))
                .willReturn(
                        ok(StripeStub.paymentIntent(intent, "requires_payment_method", 120_000, "usd", null, null))));

        ApiClient.Response connected = api.post("/api/me/payout-account")
                .bearer(contract.contractor().accessToken())
                .send();
        assertThat(connected.status()).as(connected.body()).isEqualTo(200);
        assertThat(connected.json().get("provider").asString()).isEqualTo("STRIPE");
        assertThat(connected.json().get("payoutsEnabled").asBoolean()).isFalse();
        assertThat(connected.json().get("onboardingUrl").asString()).startsWith("https://connect.stripe.com/");

        ApiClient.Response funding = escrow.fund(
                contract.homeowner(), contract.contract(), UUID.randomUUID().toString());
        assertThat(funding.status()).as(funding.body()).isEqualTo(200);
        assertThat(funding.json().get("provider").asString()).isEqualTo("STRIPE");
        assertThat(funding.json().get("simulated").asBoolean()).isFalse();
        assertThat(funding.json().get("clientSecret").asString()).isEqualTo(intent + "_secret_test");
        assertThat(funding.body()).doesNotContain("card");
        stripe.verify(
                1,
                postRequestedFor(urlPathEqualTo("/v1/payment_intents"))
                        .withFormParam("amount", equalTo("120000"))
                        .withFormParam("currency", equalTo("usd"))
                        .withFormParam(
                                "transfer_group", containing(contract.contract().toString()))
                        .withFormParam(
                                "metadata[contract_id]",
                                equalTo(contract.contract().toString())));
        assertThat(statement(contract).get("contractStatus").asString()).isEqualTo("PENDING_FUNDING");

        // The payer confirms in the browser; Stripe tells us by webhook.
        stripeSaysSucceeded(intent, charge, 120_000, 3_510);
        assertThat(deliver(paymentSucceeded(intent, charge, 120_000)).status()).isEqualTo(200);
        JsonNode funded = statement(contract);
        assertThat(funded.get("contractStatus").asString()).isEqualTo("FUNDED");
        assertThat(funded.get("escrow").get("status").asString()).isEqualTo("HELD");
        assertThat(journal(contract, "PROCESSING_FEE")).isEqualTo(1);

        ApiClient.Response submitted = api.post("/api/contracts/" + contract.contract() + "/completion")
                .bearer(contract.contractor().accessToken())
                .json("{\"summary\": \"Installed and tested.\"}")
                .send();
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        ApiClient.Response approved = api.post("/api/contracts/" + contract.contract() + "/completion/approve")
                .bearer(contract.homeowner().accessToken())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .send();
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);

        // Onboarding is unfinished: the payout waits, visibly to both parties, and nothing goes to Stripe.
        timers.fireDue();
        for (TestAccounts.SignedIn party : List.of(contract.homeowner(), contract.contractor())) {
            JsonNode payout = statement(contract, party).get("payouts").get(0);
            assertThat(payout.get("status").asString()).isEqualTo("PENDING_ACCOUNT");
            assertThat(payout.get("amount").get("amountMinor").asLong()).isEqualTo(114_000);
        }
        stripe.verify(0, postRequestedFor(urlPathEqualTo("/v1/transfers")));

        // Stripe reports the account can receive payouts; the event's own copy is not trusted, the account is re-read.
        stripe.stubFor(
                get(urlPathEqualTo("/v1/accounts/" + account)).willReturn(ok(StripeStub.account(account, true))));
        stripe.stubFor(get(urlPathEqualTo("/v1/transfers")).willReturn(ok(list("/v1/transfers"))));
        stripe.stubFor(post(urlPathEqualTo("/v1/transfers"))
                .inScenario("transfer")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(500, StripeStub.error("api_error", null, "Something went wrong on Stripe's end.")))
                .willSetStateTo("up"));
        stripe.stubFor(post(urlPathEqualTo("/v1/transfers"))
                .inScenario("transfer")
                .whenScenarioStateIs("up")
                .willReturn(ok(StripeStub.transfer("tr_" + account, 114_000, 0, account, null))));
        String accountUpdated =
                StripeStub.event(StripeStub.newEventId(), "account.updated", StripeStub.account(account, true));
        assertThat(deliver(accountUpdated).status()).isEqualTo(200);
        assertThat(deliver(accountUpdated).json().get("duplicate").asBoolean()).isTrue();
        timers.fireDue();
        timers.fireDue();

        JsonNode paid = statement(contract).get("payouts").get(0);
        assertThat(paid.get("status").asString()).isEqualTo("PAID");
        assertThat(paid.get("providerTransferId").asString()).isEqualTo("tr_" + account);
        List<LoggedRequest> transfers = stripe.findAll(postRequestedFor(urlPathEqualTo("/v1/transfers")));
        assertThat(transfers).hasSize(2); // Stripe's 500, then the client's retry with the same key
        assertThat(transfers)
                .extracting(request -> request.getHeader("Idempotency-Key"))
                .containsOnly(transfers.get(0).getHeader("Idempotency-Key"));
        stripe.verify(
                2,
                postRequestedFor(urlPathEqualTo("/v1/transfers"))
                        .withFormParam("amount", equalTo("114000"))
                        .withFormParam("currency", equalTo("usd"))
                        .withFormParam("destination", equalTo(account))
                        .withFormParam("source_transaction", equalTo(charge)));
        assertThat(journal(contract, "PAYOUT")).isEqualTo(1);
    }

    @Test
    void aPaymentThatSucceedsAtStripeAfterTheContractWasCancelledIsRefundedOnce() {
        Funded contract = escrow.pendingContract(80_000);
        String intent = StripeStub.id("pi");
        String charge = StripeStub.id("ch");
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents"))
                .willReturn(
                        ok(StripeStub.paymentIntent(intent, "requires_payment_method", 80_000, "usd", null, null))));
        String fundingKey = UUID.randomUUID().toString();
        assertThat(escrow.fund(contract.homeowner(), contract.contract(), fundingKey)
                        .status())
                .isEqualTo(200);
        ApiClient.Response cancelled = api.post("/api/contracts/" + contract.contract() + "/cancel")
                .bearer(contract.homeowner().accessToken())
                .send();
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);

        // The payer had already confirmed: the payment succeeds at Stripe after the cancellation.
        stripeSaysSucceeded(intent, charge, 80_000, 2_350);
        stripe.stubFor(get(urlPathEqualTo("/v1/refunds")).willReturn(ok(list("/v1/refunds"))));
        stripe.stubFor(post(urlPathEqualTo("/v1/refunds"))
                .inScenario("refund")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(500, StripeStub.error("api_error", null, "Something went wrong on Stripe's end.")))
                .willSetStateTo("up"));
        stripe.stubFor(post(urlPathEqualTo("/v1/refunds"))
                .inScenario("refund")
                .whenScenarioStateIs("up")
                .willReturn(ok(StripeStub.refund("re_" + intent, "succeeded", 80_000, intent, null))));
        String succeeded = paymentSucceeded(intent, charge, 80_000);
        assertThat(deliver(succeeded).status()).isEqualTo(200);
        assertThat(deliver(succeeded).json().get("duplicate").asBoolean()).isTrue();
        assertThat(deliver(paymentSucceeded(intent, charge, 80_000)).status())
                .as("the same outcome under another event id")
                .isEqualTo(200);
        // The homeowner retries the funding request (same key): it replays, nothing new reaches Stripe.
        assertThat(escrow.fund(contract.homeowner(), contract.contract(), fundingKey)
                        .status())
                .isEqualTo(200);
        timers.fireDue();
        timers.fireDue();

        List<LoggedRequest> refunds = stripe.findAll(
                postRequestedFor(urlPathEqualTo("/v1/refunds")).withFormParam("payment_intent", equalTo(intent)));
        assertThat(refunds).hasSize(2); // Stripe's 500, then the client's retry
        assertThat(refunds)
                .extracting(request -> request.getHeader("Idempotency-Key"))
                .containsOnly(refunds.get(0).getHeader("Idempotency-Key"));
        assertThat(refunds.get(0).getBodyAsString()).contains("amount=80000");
        stripe.verify(1, postRequestedFor(urlPathEqualTo("/v1/payment_intents")));
        JsonNode statement = statement(contract);
        assertThat(statement.get("contractStatus").asString()).isEqualTo("CANCELLED");
        assertThat(statement.get("escrow").get("status").asString()).isEqualTo("CANCELLED");
        assertThat(statement.get("escrow").get("refunded").get("amountMinor").asLong())
                .isEqualTo(80_000);
        assertThat(statement.get("escrow").get("held").get("amountMinor").asLong())
                .isZero();
        assertThat(statement.get("refunds")).hasSize(1);
        assertThat(statement.get("refunds").get(0).get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(statement.get("refunds").get(0).get("providerRefundId").asString())
                .isEqualTo("re_" + intent);
        assertThat(statement.get("payments").get(0).get("status").asString()).isEqualTo("REFUNDED");
        assertThat(journal(contract, "FUND")).isEqualTo(1);
        assertThat(journal(contract, "REFUND")).isEqualTo(1);
    }

    private void stripeSaysSucceeded(String intent, String charge, long amountMinor, long feeMinor) {
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/" + intent))
                .willReturn(ok(StripeStub.paymentIntent(intent, "succeeded", amountMinor, "usd", charge, null))));
        stripe.stubFor(get(urlPathEqualTo("/v1/charges/" + charge))
                .willReturn(ok(StripeStub.chargeWithFee(charge, intent, amountMinor, feeMinor))));
    }

    private static String paymentSucceeded(String intent, String charge, long amountMinor) {
        return StripeStub.event(
                StripeStub.newEventId(),
                "payment_intent.succeeded",
                StripeStub.paymentIntent(intent, "succeeded", amountMinor, "usd", charge, null));
    }

    private ApiClient.Response deliver(String payload) {
        ApiClient.Response response = api.post("/api/webhooks/stripe")
                .body("application/json; charset=utf-8", payload)
                .header("Stripe-Signature", StripeStub.sign(payload, clock.millis() / 1000))
                .send();
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response;
    }

    private JsonNode statement(Funded contract) {
        return statement(contract, contract.homeowner());
    }

    private JsonNode statement(Funded contract, TestAccounts.SignedIn party) {
        ApiClient.Response response = escrow.statement(party, contract.contract());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private int journal(Funded contract, String kind) {
        return db.owner()
                .sql("SELECT count(*) FROM transactions WHERE contract_id = ? AND kind = ?")
                .params(contract.contract(), kind)
                .query(Integer.class)
                .single();
    }
}
