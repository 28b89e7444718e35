package com.fairtradeworker.escrow.stripe;

import static com.fairtradeworker.escrow.stripe.StripeStub.list;
import static com.fairtradeworker.escrow.stripe.StripeStub.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fairtradeworker.audit.AuditLog;
import com.fairtradeworker.contracts.ContractStatus;
import com.fairtradeworker.contracts.ContractsApi;
import com.fairtradeworker.escrow.EscrowApi;
import com.fairtradeworker.escrow.ExitCause;
import com.fairtradeworker.escrow.ProviderEvents;
import com.fairtradeworker.escrow.stripe.StripeMoney.StripePayment;
import com.fairtradeworker.escrow.stripe.StripeWebhooks.Outcome;
import com.fairtradeworker.profiles.ProfilesApi;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.EscrowFixtures;
import com.fairtradeworker.support.EscrowFixtures.Funded;
import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.LedgerInvariants;
import com.fairtradeworker.support.MarketplaceFixtures;
import com.fairtradeworker.support.MutableClock;
import com.fairtradeworker.support.TestAccounts;
import com.fairtradeworker.timers.TimerPoller;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stripe's events applied to escrow: the webhook handler wired with the application's escrow and a Stripe adapter
 * pointed at the in-process stand-in (the application itself keeps the simulated provider). Each event takes effect
 * once whatever the duplicates or the order, amounts are checked before anything changes, and the ledger reconciles
 * with Stripe to the cent, its processing fee included.
 */
@IntegrationTest
class StripeWebhooksTest {

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
    ProviderEvents providerEvents;

    @Autowired
    EscrowApi escrowApi;

    @Autowired
    ContractsApi contracts;

    @Autowired
    ProfilesApi profiles;

    @Autowired
    StripeRecords records;

    @Autowired
    WebhookEvents events;

    @Autowired
    AuditLog audit;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JsonMapper json;

    @Autowired
    TimerPoller timers;

    SimpleMeterRegistry meters;
    MarketplaceFixtures market;
    EscrowFixtures escrow;
    StripeMoney money;

    @BeforeAll
    static void startStripe() {
        stripe = StripeStub.start();
    }

    @AfterAll
    static void stopStripe() {
        stripe.stop();
    }

    @BeforeEach
    void fixtures() {
        stripe.resetAll();
        meters = new SimpleMeterRegistry();
        market = new MarketplaceFixtures(api, accounts, db, clock);
        escrow = new EscrowFixtures(api, market);
        money = new StripeMoney(
                stripe,
                meters,
                providerEvents,
                escrowApi,
                profiles,
                records,
                events,
                audit,
                transactions,
                json,
                clock,
                db);
    }

    @AfterEach
    void moneyInvariantsHold() {
        timers.fireDue(); // leaves no due timer of these tests behind
        clock.reset();
        new LedgerInvariants(db).assertHold();
    }

    @Test
    void aSucceededPaymentFundsTheEscrowOnceAndRecordsStripesFee() {
        Funded pending = escrow.pendingContract(30_000);
        StripePayment payment = money.processingPayment(pending, 30_000);
        money.stripeSays(payment, "succeeded", 30_000, "usd", 900);
        String event = money.paymentEvent("payment_intent.succeeded", payment, "succeeded", 30_000);

        assertThat(money.deliver(event).outcome()).isEqualTo(Outcome.PROCESSED);
        assertThat(money.deliver(event).outcome()).isEqualTo(Outcome.DUPLICATE);

        JsonNode statement = statement(pending);
        assertThat(statement.get("contractStatus").asString()).isEqualTo("FUNDED");
        assertThat(statement.get("escrow").get("status").asString()).isEqualTo("HELD");
        assertThat(statement.get("payments").get(0).get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(statement.get("movements"))
                .as("the fee is the platform's cost, not on the parties' statement")
                .hasSize(1);
        assertThat(count("SELECT count(*) FROM transactions WHERE contract_id = ? AND kind = 'FUND'", pending))
                .isEqualTo(1);
        assertThat(db.owner()
                        .sql("""
                                SELECT a.kind, e.amount_minor FROM transactions t
                                  JOIN ledger_entries e ON e.transaction_id = t.id
                                  JOIN ledger_accounts a ON a.id = e.ledger_account_id
                                 WHERE t.kind = 'PROCESSING_FEE' AND t.idempotency_key = ?
                                 ORDER BY a.kind""")
                        .param("processing-fee:" + payment.payment())
                        .query((row, number) -> row.getString("kind") + " " + row.getLong("amount_minor"))
                        .list())
                .containsExactly("PROCESSING_FEES 900", "PROVIDER_CASH -900");
        assertThat(db.owner()
                        .sql("SELECT provider_reference, contract_id FROM transactions WHERE idempotency_key = ?")
                        .param("processing-fee:" + payment.payment())
                        .query((row, number) -> row.getString(1) + " " + row.getString(2))
                        .single())
                .isEqualTo("txn_" + payment.charge() + " " + pending.contract());
        assertThat(db.owner()
                        .sql("SELECT count(*) FROM webhook_events WHERE provider = 'STRIPE' AND event_id = ?")
                        .param(money.eventId(event))
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(db.owner()
                        .sql("SELECT payload::text FROM webhook_events WHERE event_id = ?")
                        .param(money.eventId(event))
                        .query(String.class)
                        .single())
                .as("the inbox keeps ids, amounts and states, not the client secret")
                .contains(payment.paymentIntent())
                .doesNotContain("secret");
        stripe.verify(1, getRequestedFor(urlPathEqualTo("/v1/payment_intents/" + payment.paymentIntent())));
        assertThat(meters.get(StripeWebhooks.METRIC)
                        .tags("type", "payment_intent.succeeded", "outcome", "duplicate")
                        .counter()
                        .count())
                .isEqualTo(1);
        // Both deliveries' lag, from the event's creation at Stripe to its verified arrival.
        assertThat(meters.get(StripeWebhooks.LAG_METRIC).timer().count()).isEqualTo(2);
        assertThat(meters.get(StripeWebhooks.LAG_METRIC).timer().max(java.util.concurrent.TimeUnit.SECONDS))
                .isEqualTo(clock.millis() / 1000 - 1_780_000_000L, org.assertj.core.data.Offset.offset(2.0));
    }

    @Test
    void twoDeliveriesOfOneEventAtTheSameMomentTakeEffectOnce() throws Exception {
        Funded pending = escrow.pendingContract(27_000);
        StripePayment payment = money.processingPayment(pending, 27_000);
        money.stripeSays(payment, "succeeded", 27_000, "usd", 813);
        String event = money.paymentEvent("payment_intent.succeeded", payment, "succeeded", 27_000);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService deliveries = Executors.newFixedThreadPool(2);
        try {
            List<Future<Outcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                outcomes.add(deliveries.submit(() -> {
                    start.await();
                    return money.deliver(event).outcome();
                }));
            }
            start.countDown();
            List<Outcome> results = new ArrayList<>();
            for (Future<Outcome> outcome : outcomes) {
                results.add(outcome.get(60, TimeUnit.SECONDS));
            }

            assertThat(results).containsExactlyInAnyOrder(Outcome.PROCESSED, Outcome.DUPLICATE);
        } finally {
            deliveries.shutdownNow();
        }
        assertThat(count("SELECT count(*) FROM transactions WHERE contract_id = ? AND kind = 'FUND'", pending))
                .isEqualTo(1);
        assertThat(count(
                        "SELECT count(*) FROM transactions WHERE contract_id = ? AND kind = 'PROCESSING_FEE'", pending))
                .isEqualTo(1);
        assertThat(db.owner()
                        .sql("SELECT count(*) FROM webhook_events WHERE event_id = ?")
                        .param(money.eventId(event))
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aFailedEventDeliveredAfterTheSuccessLeavesThePaymentSucceeded() {
        Funded pending = escrow.pendingContract(25_000);
        StripePayment payment = money.processingPayment(pending, 25_000);
        money.stripeSays(payment, "succeeded", 25_000, "usd", 755);
        String failedFirstAttempt =
                money.paymentEvent("payment_intent.payment_failed", payment, "requires_payment_method", 25_000);
        String succeeded = money.paymentEvent("payment_intent.succeeded", payment, "succeeded", 25_000);

        assertThat(money.deliver(succeeded).outcome()).isEqualTo(Outcome.PROCESSED);
        assertThat(money.deliver(failedFirstAttempt).outcome()).isEqualTo(Outcome.PROCESSED);

        JsonNode statement = statement(pending);
        assertThat(statement.get("payments").get(0).get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(statement.get("escrow").get("status").asString()).isEqualTo("HELD");
        assertThat(statement.get("contractStatus").asString()).isEqualTo("FUNDED");
    }

    @Test
    void aDeclinedAttemptKeepsThePaymentOpenForTheNextCard() {
        Funded pending = escrow.pendingContract(18_000);
        StripePayment payment = money.processingPayment(pending, 18_000);
        money.stripeSays(payment, "requires_payment_method", 18_000, "usd", 0);

        assertThat(money.deliver(money.paymentEvent(
                                "payment_intent.payment_failed", payment, "requires_payment_method", 18_000))
                        .outcome())
                .isEqualTo(Outcome.PROCESSED);
        assertThat(statement(pending).get("payments").get(0).get("status").asString())
                .as("Stripe lets the payer try another card on the same PaymentIntent")
                .isEqualTo("PROCESSING");

        money.stripeSays(payment, "succeeded", 18_000, "usd", 552);
        money.deliver(money.paymentEvent("payment_intent.succeeded", payment, "succeeded", 18_000));
        assertThat(statement(pending).get("contractStatus").asString()).isEqualTo("FUNDED");
    }

    @Test
    void aDifferentAmountOrCurrencyIsRefusedAndChangesNothing() {
        Funded wrongAmount = escrow.pendingContract(30_000);
        StripePayment short1 = money.processingPayment(wrongAmount, 30_000);
        money.stripeSays(short1, "succeeded", 29_999, "usd", 900);
        Funded wrongCurrency = escrow.pendingContract(30_000);
        StripePayment euros = money.processingPayment(wrongCurrency, 30_000);
        money.stripeSays(euros, "succeeded", 30_000, "eur", 900);

        String event = money.paymentEvent("payment_intent.succeeded", short1, "succeeded", 29_999);
        assertThat(money.deliver(event).outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(money.deliver(money.paymentEvent("payment_intent.succeeded", euros, "succeeded", 30_000))
                        .outcome())
                .isEqualTo(Outcome.REFUSED);
        assertThat(money.deliver(event).outcome()).isEqualTo(Outcome.DUPLICATE);

        for (Funded contract : List.of(wrongAmount, wrongCurrency)) {
            JsonNode statement = statement(contract);
            assertThat(statement.get("contractStatus").asString()).isEqualTo("PENDING_FUNDING");
            assertThat(statement.get("payments").get(0).get("status").asString())
                    .isEqualTo("PROCESSING");
            assertThat(statement.get("movements")).isEmpty();
            assertThat(count("SELECT count(*) FROM transactions WHERE contract_id = ?", contract))
                    .isZero();
            assertThat(count(
                            "SELECT count(*) FROM audit_logs WHERE entity_id = ?::text"
                                    + " AND action = 'PAYMENT_AMOUNT_MISMATCH'",
                            contract))
                    .isEqualTo(1);
        }
    }

    @Test
    void accountUpdatedPaysThePayoutsThatWaitedForIt() {
        Funded funded = escrow.fundedContract(40_000);
        release(funded);
        timers.fireDue();
        assertThat(statement(funded).get("payouts").get(0).get("status").asString())
                .isEqualTo("PENDING_ACCOUNT");
        String account = StripeStub.id("acct");
        transactions.executeWithoutResult(
                status -> profiles.recordPayoutAccount(funded.contractor().userId(), account, false));
        stripe.stubFor(
                get(urlPathEqualTo("/v1/accounts/" + account)).willReturn(ok(StripeStub.account(account, true))));

        // Connected accounts' events come through their own endpoint, signed with its own secret.
        StripeWebhooks.Result result = money.deliverFromConnect(
                StripeStub.event(StripeStub.newEventId(), "account.updated", StripeStub.account(account, true)));
        timers.fireDue();

        assertThat(result.outcome()).isEqualTo(Outcome.PROCESSED);
        assertThat(profiles.payoutAccount(funded.contractor().userId())
                        .orElseThrow()
                        .payoutsEnabled())
                .isTrue();
        JsonNode payout = statement(funded).get("payouts").get(0);
        assertThat(payout.get("status").asString()).isEqualTo("PAID");
        assertThat(payout.get("amount").get("amountMinor").asLong()).isEqualTo(38_000);
    }

    @Test
    void aChargebackFreezesTheEscrowAndAlertsAdmins() {
        Funded funded = escrow.fundedContract(50_000);
        Map<String, Object> paid = db.owner()
                .sql("SELECT provider_payment_id, provider_charge_id FROM payments WHERE contract_id = ?")
                .param(funded.contract())
                .query()
                .singleRow();
        String dispute = StripeStub.id("dp");

        StripeWebhooks.Result result = money.deliver(StripeStub.event(
                StripeStub.newEventId(),
                "charge.dispute.created",
                StripeStub.dispute(
                        dispute,
                        (String) paid.get("provider_charge_id"),
                        (String) paid.get("provider_payment_id"),
                        50_000)));

        assertThat(result.outcome()).isEqualTo(Outcome.PROCESSED);
        assertThat(statement(funded).get("escrow").get("frozen").asBoolean()).isTrue();
        assertThat(db.owner()
                        .sql("SELECT details->>'dispute' FROM audit_logs WHERE action = 'CHARGEBACK_OPENED'"
                                + " AND entity_type = 'contract' AND entity_id = ?")
                        .param(funded.contract().toString())
                        .query(String.class)
                        .single())
                .isEqualTo(dispute);
        assertThat(db.owner()
                        .sql("SELECT payload::text FROM webhook_events WHERE event_type = 'charge.dispute.created'"
                                + " AND payload->'data'->'object'->>'id' = ?")
                        .param(dispute)
                        .query(String.class)
                        .single())
                .as("the payer's evidence is not kept in the inbox")
                .doesNotContain("someone@example.test");
        transactions.executeWithoutResult(status -> contracts.moveTo(
                funded.contract(),
                ContractStatus.COMPLETION_SUBMITTED,
                funded.contractor().userId()));
        assertThatThrownBy(() -> transactions.executeWithoutResult(
                        status -> escrowApi.release(funded.contract(), ExitCause.APPROVAL, null)))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("frozen");
    }

    @Test
    void chargeRefundedSettlesTheRefundThePlatformAskedFor() {
        Funded pending = escrow.pendingContract(30_000);
        StripePayment payment = money.fund(pending, 30_000, 900);
        transactions.executeWithoutResult(status -> escrowApi.refund(
                pending.contract(),
                ExitCause.MUTUAL_CANCELLATION,
                pending.homeowner().userId()));
        UUID refund = db.owner()
                .sql("SELECT id FROM refunds WHERE contract_id = ?")
                .param(pending.contract())
                .query(UUID.class)
                .single();
        String stripeRefund = StripeStub.id("re");
        stripe.stubFor(get(urlPathEqualTo("/v1/refunds"))
                .withQueryParam("payment_intent", equalTo(payment.paymentIntent()))
                .willReturn(ok(list(
                        "/v1/refunds",
                        StripeStub.refund(stripeRefund, "succeeded", 30_000, payment.paymentIntent(), refund)))));

        StripeWebhooks.Result result = money.deliver(StripeStub.event(
                StripeStub.newEventId(), "charge.refunded", """
                {"id": "%s", "object": "charge", "amount": 30000, "amount_refunded": 30000, "currency": "usd",
                 "payment_intent": "%s", "refunded": true, "status": "succeeded"}""".formatted(payment.charge(), payment.paymentIntent())));
        timers.fireDue(); // the refund's own timer now finds it done and calls nobody

        assertThat(result.outcome()).isEqualTo(Outcome.PROCESSED);
        JsonNode statement = statement(pending);
        assertThat(statement.get("refunds").get(0).get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(statement.get("refunds").get(0).get("providerRefundId").asString())
                .isEqualTo(stripeRefund);
        assertThat(statement.get("payments").get(0).get("status").asString()).isEqualTo("REFUNDED");
    }

    @Test
    void aFailedTransferReturnsThePayoutToBePaidAgain() {
        Funded funded = paidOut(20_000);
        String transfer = transferOf(funded);
        UUID payout = payoutOf(funded);
        stripe.stubFor(get(urlPathEqualTo("/v1/transfers/" + transfer))
                .willReturn(ok(StripeStub.transfer(transfer, 19_000, 0, "acct_x", payout))));

        StripeWebhooks.Result result = money.deliver(StripeStub.event(
                StripeStub.newEventId(),
                "transfer.failed",
                StripeStub.transfer(transfer, 19_000, 0, "acct_x", payout)));
        timers.fireDue();

        assertThat(result.outcome()).isEqualTo(Outcome.PROCESSED);
        JsonNode payouts = statement(funded).get("payouts");
        assertThat(payouts).hasSize(2);
        assertThat(payouts.get(0).get("status").asString()).isEqualTo("FAILED");
        assertThat(payouts.get(1).get("status").asString()).isEqualTo("PAID");
        assertThat(payouts.get(1).get("amount").get("amountMinor").asLong()).isEqualTo(19_000);
        assertThat(payouts.get(1).get("providerTransferId").asString()).isNotEqualTo(transfer);
        assertThat(payableOf(funded))
                .as("paid, returned, paid again: nothing owed")
                .isZero();
    }

    @Test
    void aReversedTransferComesBackToTheLedgerForAnAdminToDecide() {
        Funded funded = paidOut(20_000);
        String transfer = transferOf(funded);
        UUID payout = payoutOf(funded);
        stripe.stubFor(get(urlPathEqualTo("/v1/transfers/" + transfer))
                .willReturn(ok(StripeStub.transfer(transfer, 19_000, 19_000, "acct_x", payout))));
        String event = StripeStub.event(
                StripeStub.newEventId(),
                "transfer.reversed",
                StripeStub.transfer(transfer, 19_000, 19_000, "acct_x", payout));

        assertThat(money.deliver(event).outcome()).isEqualTo(Outcome.PROCESSED);
        assertThat(money.deliver(event).outcome()).isEqualTo(Outcome.DUPLICATE);
        timers.fireDue();

        JsonNode payouts = statement(funded).get("payouts");
        assertThat(payouts).hasSize(1);
        assertThat(payouts.get(0).get("status").asString()).isEqualTo("FAILED");
        assertThat(payableOf(funded)).as("owed to the contractor again").isEqualTo(-19_000);
        assertThat(count(
                        "SELECT count(*) FROM audit_logs WHERE entity_id = ?::text AND action = 'PAYOUT_TRANSFER_REVERSED'",
                        funded))
                .isEqualTo(1);
    }

    @Test
    void eventsOfOtherTypesAreRecordedAndIgnored() {
        String event = StripeStub.event(
                StripeStub.newEventId(), "customer.created", "{\"id\": \"cus_1\", \"object\": \"customer\"}");

        assertThat(money.deliver(event).outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(money.deliver(event).outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(db.owner()
                        .sql("SELECT event_type FROM webhook_events WHERE event_id = ?")
                        .param(money.eventId(event))
                        .query(String.class)
                        .single())
                .isEqualTo("customer.created");
    }

    /** A funded contract (simulated funding) released and paid out to a payout account (simulated transfer). */
    private Funded paidOut(long amountMinor) {
        Funded funded = escrow.fundedContract(amountMinor);
        release(funded);
        ApiClient.Response connected = api.post("/api/me/payout-account")
                .bearer(funded.contractor().accessToken())
                .send();
        assertThat(connected.status()).as(connected.body()).isEqualTo(200);
        timers.fireDue();
        assertThat(statement(funded).get("payouts").get(0).get("status").asString())
                .isEqualTo("PAID");
        return funded;
    }

    private void release(Funded funded) {
        transactions.executeWithoutResult(status -> {
            contracts.moveTo(
                    funded.contract(),
                    ContractStatus.COMPLETION_SUBMITTED,
                    funded.contractor().userId());
            escrowApi.release(funded.contract(), ExitCause.APPROVAL, null);
        });
    }

    private String transferOf(Funded funded) {
        return db.owner()
                .sql("SELECT provider_transfer_id FROM payouts WHERE contract_id = ?")
                .param(funded.contract())
                .query(String.class)
                .single();
    }

    private UUID payoutOf(Funded funded) {
        return db.owner()
                .sql("SELECT id FROM payouts WHERE contract_id = ?")
                .param(funded.contract())
                .query(UUID.class)
                .single();
    }

    private long payableOf(Funded funded) {
        return db.owner()
                .sql("""
                        SELECT coalesce(sum(e.amount_minor), 0) FROM ledger_entries e
                          JOIN ledger_accounts a ON a.id = e.ledger_account_id
                         WHERE a.kind = 'CONTRACTOR_PAYABLE' AND a.owner_id = ?""")
                .param(funded.contractor().userId())
                .query(Long.class)
                .single();
    }

    private int count(String sql, Funded contract) {
        return db.owner()
                .sql(sql)
                .param(contract.contract())
                .query(Integer.class)
                .single();
    }

    private JsonNode statement(Funded funded) {
        ApiClient.Response response = escrow.statement(funded.homeowner(), funded.contract());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
