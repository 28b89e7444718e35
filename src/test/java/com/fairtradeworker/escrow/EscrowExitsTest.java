package com.fairtradeworker.escrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fairtradeworker.contracts.ContractStatus;
import com.fairtradeworker.contracts.ContractsApi;
import com.fairtradeworker.escrow.EscrowEvents.EscrowExited;
import com.fairtradeworker.shared.Money;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.ApiClient.Response;
import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.EscrowFixtures;
import com.fairtradeworker.support.EscrowFixtures.Funded;
import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.LedgerInvariants;
import com.fairtradeworker.support.MarketplaceFixtures;
import com.fairtradeworker.support.MutableClock;
import com.fairtradeworker.support.TestAccounts;
import com.fairtradeworker.timers.TimerPoller;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Release, refund and split as the domain guide writes them in the ledger, the freeze during a dispute, exactly one exit,
 * payouts waiting for the contractor's payout account, and a payment that succeeds after its contract was cancelled.
 */
@IntegrationTest
class EscrowExitsTest {

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Autowired
    DatabaseRoles db;

    @Autowired
    MutableClock clock;

    @Autowired
    EscrowApi escrowApi;

    @Autowired
    EscrowMovements movements;

    @Autowired
    ContractsApi contracts;

    @Autowired
    TimerPoller timers;

    @Autowired
    TransactionTemplate transactions;

    MarketplaceFixtures market;
    EscrowFixtures escrow;

    @BeforeEach
    void fixtures() {
        market = new MarketplaceFixtures(api, accounts, db, clock);
        escrow = new EscrowFixtures(api, market);
    }

    @AfterEach
    void moneyInvariantsHold() {
        new LedgerInvariants(db).assertHold();
    }

    @Test
    void releaseChargesTheFeeOnEverythingAndOwesTheRestToTheContractor() {
        Funded funded = disputed(escrow.fundedContract(100_001));

        EscrowExited released =
                inTransaction(() -> escrowApi.release(funded.contract(), ExitCause.DISPUTE_RESOLUTION, null));

        assertThat(released.outcome()).isEqualTo(EscrowStatus.RELEASED);
        assertThat(released.platformFee()).isEqualTo(Money.of(5_000, "USD")); // floor(100,001 x 5%)
        JsonNode exit = statement(funded).get("movements").get(1);
        assertThat(exit.get("kind").asString()).isEqualTo("RELEASE");
        assertThat(minor(exit, "amount")).isEqualTo(100_001);
        assertThat(minor(exit, "platformFee")).isEqualTo(5_000);
        assertThat(minor(exit, "contractorReceives")).isEqualTo(95_001);
        assertThat(minor(exit, "payerReceives")).isZero();
        assertThat(minor(exit, "heldAfter")).isZero();
        assertThat(statement(funded).get("payouts").get(0).get("status").asString())
                .isEqualTo("PENDING_ACCOUNT");
        assertThat(market.jobStatus(funded.job())).isEqualTo("COMPLETED");
    }

    @Test
    void splitChargesTheFeeOnlyOnTheContractorsPartInOneJournalTransaction() {
        Funded funded = disputed(escrow.fundedContract(100_000));

        inTransaction(
                () -> escrowApi.split(funded.contract(), Money.of(60_000, "USD"), ExitCause.DISPUTE_RESOLUTION, null));

        JsonNode statement = statement(funded);
        JsonNode exit = statement.get("movements").get(1);
        assertThat(statement.get("movements")).hasSize(2);
        assertThat(exit.get("kind").asString()).isEqualTo("SPLIT");
        assertThat(minor(exit, "platformFee")).isEqualTo(3_000);
        assertThat(minor(exit, "contractorReceives")).isEqualTo(57_000);
        assertThat(minor(exit, "payerReceives")).isEqualTo(40_000);
        assertThat(statement.get("escrow").get("status").asString()).isEqualTo("SPLIT");
        assertThat(minor(statement.get("escrow"), "released")).isEqualTo(60_000);
        assertThat(minor(statement.get("escrow"), "refunded")).isEqualTo(40_000);
        assertThat(statement.get("contractStatus").asString()).isEqualTo("SPLIT");
        assertThat(market.jobStatus(funded.job())).isEqualTo("COMPLETED");
    }

    @Test
    void aSplitMustGiveEachSideSomething() {
        Funded funded = disputed(escrow.fundedContract(50_000));

        assertThatThrownBy(() -> inTransaction(() -> escrowApi.split(
                        funded.contract(), Money.of(50_000, "USD"), ExitCause.DISPUTE_RESOLUTION, null)))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("more than zero and less than");
        assertThatThrownBy(() -> inTransaction(() ->
                        escrowApi.split(funded.contract(), Money.of(0, "USD"), ExitCause.DISPUTE_RESOLUTION, null)))
                .isInstanceOf(ProblemException.class);
    }

    @Test
    void aFrozenEscrowMovesOnlyByTheDisputeAndLeavesHeldOnce() {
        Funded funded = escrow.fundedContract(70_000);
        inTransaction(() -> {
            contracts.moveTo(
                    funded.contract(),
                    ContractStatus.COMPLETION_SUBMITTED,
                    funded.contractor().userId());
            escrowApi.freeze(funded.contract(), funded.homeowner().userId());
            return null;
        });

        assertThatThrownBy(() -> inTransaction(() -> escrowApi.release(funded.contract(), ExitCause.APPROVAL, null)))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("frozen");

        inTransaction(() -> {
            contracts.moveTo(
                    funded.contract(),
                    ContractStatus.DISPUTED,
                    funded.homeowner().userId());
            return escrowApi.refund(funded.contract(), ExitCause.DISPUTE_RESOLUTION, null);
        });
        assertThatThrownBy(() ->
                        inTransaction(() -> escrowApi.release(funded.contract(), ExitCause.DISPUTE_RESOLUTION, null)))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("REFUNDED");
        assertThat(statement(funded).get("escrow").get("frozen").asBoolean()).isFalse();
    }

    @Test
    void aPayoutWaitsForThePayoutAccountAndIsPaidOnceItCanReceiveMoney() {
        Funded funded = disputed(escrow.fundedContract(40_000));
        inTransaction(() -> escrowApi.release(funded.contract(), ExitCause.DISPUTE_RESOLUTION, null));
        timers.fireDue();
        assertThat(statement(funded).get("payouts").get(0).get("status").asString())
                .isEqualTo("PENDING_ACCOUNT");

        Response connected = api.post("/api/me/payout-account")
                .bearer(funded.contractor().accessToken())
                .send();
        timers.fireDue();

        assertThat(connected.status()).as(connected.body()).isEqualTo(200);
        assertThat(connected.json().get("simulated").asBoolean()).isTrue();
        assertThat(connected.json().get("payoutsEnabled").asBoolean()).isTrue();
        JsonNode statement = statement(funded);
        JsonNode payout = statement.get("payouts").get(0);
        assertThat(payout.get("status").asString()).isEqualTo("PAID");
        assertThat(minor(payout, "amount")).isEqualTo(38_000);
        assertThat(payout.get("providerTransferId").asString()).startsWith("sim_tr_");
        JsonNode paid = statement.get("movements").get(2);
        assertThat(paid.get("kind").asString()).isEqualTo("PAYOUT");
        assertThat(minor(paid, "amount")).isEqualTo(38_000);
        assertThat(timers.fireDue()).isZero();
        assertThat(db.owner()
                        .sql("SELECT count(*) FROM transactions WHERE contract_id = ? AND kind = 'PAYOUT'")
                        .param(funded.contract())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aPaymentThatSucceedsAfterItsContractWasCancelledIsRefundedAtOnce() {
        Funded pending = escrow.pendingContract(30_000);
        UUID payment = UUID.randomUUID();
        inTransaction(() -> {
            movements.openEscrow(contracts.lock(pending.contract()).orElseThrow());
            db.app()
                    .sql("""
                            INSERT INTO payments (id, contract_id, provider, amount_minor, currency, status,
                                                  idempotency_key)
                            VALUES (?, ?, 'SIMULATED', 30000, 'USD', 'PROCESSING', ?)""")
                    .params(payment, pending.contract(), "late-test:" + payment)
                    .update();
            return null;
        });
        api.post("/api/contracts/" + pending.contract() + "/cancel")
                .bearer(pending.homeowner().accessToken())
                .send();

        inTransaction(() -> movements.recordPaymentOutcome(
                payment,
                new PaymentProvider.Payment(
                        "sim_pi_late_" + payment,
                        PaymentProvider.PaymentStatus.SUCCEEDED,
                        Money.of(30_000, "USD"),
                        null,
                        "sim_ch_late",
                        null)));
        timers.fireDue();

        JsonNode statement = statement(pending);
        assertThat(statement.get("contractStatus").asString()).isEqualTo("CANCELLED");
        assertThat(statement.get("escrow").get("status").asString()).isEqualTo("CANCELLED");
        assertThat(statement.get("movements")).hasSize(2);
        assertThat(statement.get("movements").get(0).get("kind").asString()).isEqualTo("FUND");
        assertThat(statement.get("movements").get(1).get("kind").asString()).isEqualTo("REFUND");
        assertThat(minor(statement.get("movements").get(1), "heldAfter")).isZero();
        assertThat(statement.get("refunds").get(0).get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(statement.get("payments").get(0).get("status").asString()).isEqualTo("REFUNDED");
    }

    private Funded disputed(Funded funded) {
        inTransaction(() -> {
            contracts.moveTo(
                    funded.contract(),
                    ContractStatus.DISPUTED,
                    funded.homeowner().userId());
            escrowApi.freeze(funded.contract(), funded.homeowner().userId());
            return null;
        });
        return funded;
    }

    private <T> T inTransaction(Supplier<T> work) {
        return transactions.execute(status -> work.get());
    }

    private JsonNode statement(Funded funded) {
        Response response = escrow.statement(funded.homeowner(), funded.contract());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static long minor(JsonNode node, String field) {
        return node.get(field).get("amountMinor").asLong();
    }
}
