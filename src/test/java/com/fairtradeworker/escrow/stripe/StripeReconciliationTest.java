package com.fairtradeworker.escrow.stripe;

import static com.fairtradeworker.escrow.stripe.StripeStub.error;
import static com.fairtradeworker.escrow.stripe.StripeStub.json;
import static com.fairtradeworker.escrow.stripe.StripeStub.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.audit.AuditLog;
import com.fairtradeworker.contracts.ContractStatus;
import com.fairtradeworker.contracts.ContractsApi;
import com.fairtradeworker.escrow.EscrowApi;
import com.fairtradeworker.escrow.ExitCause;
import com.fairtradeworker.escrow.ProviderEvents;
import com.fairtradeworker.escrow.stripe.ReconciliationStore.Mismatch;
import com.fairtradeworker.escrow.stripe.StripeMoney.StripePayment;
import com.fairtradeworker.profiles.ProfilesApi;
import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.EscrowFixtures;
import com.fairtradeworker.support.EscrowFixtures.Funded;
import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.LedgerInvariants;
import com.fairtradeworker.support.MarketplaceFixtures;
import com.fairtradeworker.support.MutableClock;
import com.fairtradeworker.support.TestAccounts;
import com.fairtradeworker.timers.DueTimer;
import com.fairtradeworker.timers.DueTimers;
import com.fairtradeworker.timers.TimerPoller;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
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
 * The daily reconciliation against the stand-in for Stripe: ledger and Stripe agreeing to the cent (fee included),
 * then differences recorded in the mismatch table and the audit log and listed for admins; the timer that runs it
 * daily, seeded once.
 */
@IntegrationTest
class StripeReconciliationTest {

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

    @Autowired
    DueTimers dueTimers;

    @Autowired
    ReconciliationStore store;

    @Autowired
    StripeReconciliation simulatedReconciliation;

    MarketplaceFixtures market;
    EscrowFixtures escrow;
    StripeMoney money;
    StripeReconciliation reconciliation;

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
        // Other tests' Stripe records may fall in a window too: Stripe does not know them.
        for (String path : List.of(
                "/v1/payment_intents/.*", "/v1/transfers/.*", "/v1/refunds/.*", "/v1/balance_transactions/.*")) {
            stripe.stubFor(get(urlPathMatching(path))
                    .atPriority(10)
                    .willReturn(json(404, error("invalid_request_error", "resource_missing", "No such object"))));
        }
        market = new MarketplaceFixtures(api, accounts, db, clock);
        escrow = new EscrowFixtures(api, market);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
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
        reconciliation = new StripeReconciliation(money.provider, store, dueTimers, audit, clock);
    }

    @AfterEach
    void cleanUp() {
        transactions.executeWithoutResult(
                status -> dueTimers.cancel(StripeReconciliation.KIND, StripeReconciliation.SUBJECT));
        timers.fireDue();
        clock.reset();
        new LedgerInvariants(db).assertHold();
    }

    @Test
    void ledgerAndStripeAgreeToTheCentThenEveryDifferenceIsRecordedForAdmins() {
        Instant from = clock.instant().minusSeconds(1);
        Funded funded = escrow.pendingContract(30_000);
        StripePayment payment = money.fund(funded, 30_000, 900);
        String transfer = paidOut(funded);
        String balanceTransaction = "txn_" + payment.charge();
        stripe.stubFor(get(urlPathEqualTo("/v1/balance_transactions/" + balanceTransaction))
                .willReturn(ok(StripeStub.balanceTransaction(balanceTransaction, 900))));
        stripe.stubFor(get(urlPathEqualTo("/v1/transfers/" + transfer))
                .willReturn(ok(StripeStub.transfer(transfer, 28_500, 0, "acct_x", null))));
        Instant to = clock.instant().plusSeconds(60);

        StripeReconciliation.Report agreeing = inTransaction(() -> reconciliation.run(from, to));

        assertThat(mismatchesOf(agreeing, funded)).isEmpty();
        assertThat(agreeing.checked()).isGreaterThanOrEqualTo(3); // the payment, the fee, the transfer

        stripe.stubFor(get(urlPathEqualTo("/v1/balance_transactions/" + balanceTransaction))
                .willReturn(ok(StripeStub.balanceTransaction(balanceTransaction, 950))));
        stripe.stubFor(get(urlPathEqualTo("/v1/transfers/" + transfer))
                .willReturn(ok(StripeStub.transfer(transfer, 28_500, 28_500, "acct_x", null))));
        money.stripeSays(payment, "succeeded", 30_001, "usd", 900);

        StripeReconciliation.Report differing = inTransaction(() -> reconciliation.run(from, to));

        assertThat(mismatchesOf(differing, funded))
                .extracting(Mismatch::kind)
                .containsExactlyInAnyOrder("PAYMENT_AMOUNT", "FEE_AMOUNT", "TRANSFER_REVERSAL_NOT_RECORDED");
        Mismatch fee = mismatchesOf(differing, funded).stream()
                .filter(mismatch -> mismatch.kind().equals("FEE_AMOUNT"))
                .findFirst()
                .orElseThrow();
        assertThat(fee.expected().amountMinor()).isEqualTo(900);
        assertThat(fee.reported().amountMinor()).isEqualTo(950);
        assertThat(db.owner()
                        .sql(
                                "SELECT count(*) FROM audit_logs WHERE action = 'RECONCILIATION_MISMATCH' AND entity_id = ?")
                        .param(funded.contract().toString())
                        .query(Integer.class)
                        .single())
                .isEqualTo(3);

        ApiClient.Response report = api.get("/api/admin/reconciliation?limit=200")
                .bearer(accounts.admin().accessToken())
                .send();
        assertThat(report.status()).as(report.body()).isEqualTo(200);
        assertThat(report.json().get("provider").asString()).isEqualTo("SIMULATED");
        JsonNode listed = null;
        for (JsonNode mismatch : report.json().get("mismatches")) {
            if (mismatch.get("kind").asString().equals("FEE_AMOUNT")
                    && funded.contract()
                            .toString()
                            .equals(mismatch.get("contractId").asString())) {
                listed = mismatch;
            }
        }
        assertThat(listed).as(report.body()).isNotNull();
        assertThat(listed.get("expected").get("amountMinor").asLong()).isEqualTo(900);
        assertThat(listed.get("reported").get("amountMinor").asLong()).isEqualTo(950);
        assertThat(listed.get("providerReference").asString()).isEqualTo(balanceTransaction);
        assertThat(api.get("/api/admin/reconciliation")
                        .bearer(funded.homeowner().accessToken())
                        .send()
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aPaymentStripeFinishedWithoutTellingUsIsFound() {
        Funded pending = escrow.pendingContract(12_000);
        StripePayment payment = money.processingPayment(pending, 12_000);
        money.stripeSays(payment, "succeeded", 12_000, "usd", 378);
        Instant later = clock.instant().plus(Duration.ofHours(2));

        StripeReconciliation.Report report =
                inTransaction(() -> reconciliation.run(later.minus(Duration.ofDays(1)), later));

        assertThat(mismatchesOf(report, pending))
                .extracting(Mismatch::kind)
                .containsExactly("PAYMENT_SUCCEEDED_NOT_RECORDED");
    }

    @Test
    void theDailyTimerIsSeededOnceRunsSinceTheLastWindowAndSchedulesTheNextDay() {
        ReconciliationSchedule schedule = new ReconciliationSchedule(money.provider, dueTimers, transactions, clock);

        Instant first = schedule.seed();
        Instant again = schedule.seed();

        assertThat(first).isEqualTo(StripeReconciliation.firstRun(clock.instant()));
        assertThat(again).isEqualTo(first);
        assertThat(first).isAfter(clock.instant());
        DueTimer timer = dueTimers
                .find(StripeReconciliation.KIND, StripeReconciliation.SUBJECT)
                .orElseThrow();
        assertThat(timer.dueAt()).isEqualTo(first);

        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        clock.pinAt(now);
        inTransaction(() -> {
            reconciliation.onDue(StripeReconciliation.SUBJECT, now.minus(Duration.ofMinutes(1)));
            return null;
        });

        assertThat(dueTimers
                        .find(StripeReconciliation.KIND, StripeReconciliation.SUBJECT)
                        .orElseThrow()
                        .dueAt())
                .isEqualTo(now.minus(Duration.ofMinutes(1)).plus(Duration.ofDays(1)));
        assertThat(store.recentRuns(1).get(0).windowEnd()).isEqualTo(now.minus(StripeReconciliation.SETTLING));
    }

    @Test
    void withTheSimulatedProviderTheTimerOnlyReschedules() {
        int runs = db.owner()
                .sql("SELECT count(*) FROM reconciliation_runs")
                .query(Integer.class)
                .single();
        Instant due = clock.instant().truncatedTo(ChronoUnit.MILLIS);

        inTransaction(() -> {
            simulatedReconciliation.onDue(StripeReconciliation.SUBJECT, due);
            return null;
        });

        assertThat(dueTimers
                        .find(StripeReconciliation.KIND, StripeReconciliation.SUBJECT)
                        .orElseThrow()
                        .dueAt())
                .isEqualTo(due.plus(Duration.ofDays(1)));
        assertThat(db.owner()
                        .sql("SELECT count(*) FROM reconciliation_runs")
                        .query(Integer.class)
                        .single())
                .isEqualTo(runs);
    }

    /** Releases the funded contract and pays the contractor (simulated transfer): the transfer's id. */
    private String paidOut(Funded funded) {
        transactions.executeWithoutResult(status -> {
            contracts.moveTo(
                    funded.contract(),
                    ContractStatus.COMPLETION_SUBMITTED,
                    funded.contractor().userId());
            escrowApi.release(funded.contract(), ExitCause.APPROVAL, null);
        });
        ApiClient.Response connected = api.post("/api/me/payout-account")
                .bearer(funded.contractor().accessToken())
                .send();
        assertThat(connected.status()).as(connected.body()).isEqualTo(200);
        timers.fireDue();
        return db.owner()
                .sql("SELECT provider_transfer_id FROM payouts WHERE contract_id = ? AND status = 'PAID'")
                .param(funded.contract())
                .query(String.class)
                .single();
    }

    private static List<Mismatch> mismatchesOf(StripeReconciliation.Report report, Funded contract) {
        return report.mismatches().stream()
                .filter(mismatch -> contract.contract().equals(mismatch.contractId()))
                .toList();
    }

    private <T> T inTransaction(java.util.function.Supplier<T> work) {
        return transactions.execute(status -> work.get());
    }
}
