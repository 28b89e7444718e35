package com.fairtradeworker.escrow;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The payments dashboard's money figures: journal transactions and the money they moved, by kind and currency, counted
 * once committed and never for a rollback; the payouts waiting for an account; all on the Prometheus endpoint.
 */
@IntegrationTest
class PaymentMetricsTest {

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Autowired
    DatabaseRoles db;

    @Autowired
    MutableClock clock;

    @Autowired
    MeterRegistry meters;

    @Autowired
    Ledger ledger;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    TimerPoller timers;

    EscrowFixtures escrow;

    @BeforeEach
    void fixtures() {
        escrow = new EscrowFixtures(api, new MarketplaceFixtures(api, accounts, db, clock));
    }

    @AfterEach
    void moneyInvariantsHold() {
        new LedgerInvariants(db).assertHold();
    }

    @Test
    void fundingAndReleaseAreCountedWithTheirAmountsAndTheWaitingPayoutIsShown() {
        double funds = count(PaymentMetrics.TRANSACTIONS, "FUND");
        double funded = count(PaymentMetrics.AMOUNT, "FUND");
        double releases = count(PaymentMetrics.TRANSACTIONS, "RELEASE");
        double released = count(PaymentMetrics.AMOUNT, "RELEASE");
        double waiting = waitingPayouts();

        Funded contract = escrow.fundedContract(64_000);
        assertThat(api.post("/api/contracts/" + contract.contract() + "/completion")
                        .bearer(contract.contractor().accessToken())
                        .json("{\"summary\": \"Done.\"}")
                        .send()
                        .status())
                .isEqualTo(201);
        assertThat(api.post("/api/contracts/" + contract.contract() + "/completion/approve")
                        .bearer(contract.homeowner().accessToken())
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .send()
                        .status())
                .isEqualTo(200);
        timers.fireDue(); // the contractor has no payout account: the payout waits

        assertThat(count(PaymentMetrics.TRANSACTIONS, "FUND")).isEqualTo(funds + 1);
        assertThat(count(PaymentMetrics.AMOUNT, "FUND")).isEqualTo(funded + 64_000);
        assertThat(count(PaymentMetrics.TRANSACTIONS, "RELEASE")).isEqualTo(releases + 1);
        assertThat(count(PaymentMetrics.AMOUNT, "RELEASE")).isEqualTo(released + 64_000);
        assertThat(waitingPayouts()).isEqualTo(waiting + 1);

        String scraped = api.get("/actuator/prometheus").send().body();
        assertThat(scraped)
                .contains("ftw_ledger_transactions_total{currency=\"USD\",kind=\"FUND\"}")
                .contains("ftw_ledger_amount_total{currency=\"USD\",kind=\"RELEASE\"}")
                .contains("ftw_escrow_payouts_waiting ");

        assertThat(api.post("/api/me/payout-account")
                        .bearer(contract.contractor().accessToken())
                        .send()
                        .status())
                .isEqualTo(200);
        timers.fireDue();
        assertThat(waitingPayouts()).isEqualTo(waiting);
    }

    @Test
    void aTransactionRolledBackIsNotCounted() {
        double payouts = count(PaymentMetrics.TRANSACTIONS, "PAYOUT");

        transactions.executeWithoutResult(status -> {
            UUID cash = ledger.account(LedgerAccountKind.PROVIDER_CASH, null, "USD");
            UUID revenue = ledger.account(LedgerAccountKind.PLATFORM_FEE_REVENUE, null, "USD");
            ledger.post(new JournalTransaction(
                    UUID.randomUUID(),
                    JournalKind.PAYOUT,
                    null,
                    "metrics-rollback:" + UUID.randomUUID(),
                    null,
                    "USD",
                    List.of(new Posting(cash, 500), new Posting(revenue, -500))));
            status.setRollbackOnly();
        });

        assertThat(count(PaymentMetrics.TRANSACTIONS, "PAYOUT")).isEqualTo(payouts);
    }

    private double count(String name, String kind) {
        Counter counter =
                meters.find(name).tags("kind", kind, "currency", "USD").counter();
        return counter == null ? 0 : counter.count();
    }

    private double waitingPayouts() {
        return meters.get(PaymentMetrics.WAITING_PAYOUTS).gauge().value();
    }
}
