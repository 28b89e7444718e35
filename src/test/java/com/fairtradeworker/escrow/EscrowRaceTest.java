package com.fairtradeworker.escrow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.contracts.ContractStatus;
import com.fairtradeworker.contracts.ContractsApi;
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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Races on one escrow, released together: exactly one terminal transition, one payment, and every loser gets a 409
 * naming the state (not a 500 from a constraint, which is what happens if the contract lock is taken away: the unique
 * index on exits then stops the second exit, and these tests fail on the status).
 */
@IntegrationTest
class EscrowRaceTest {

    static final int RACERS = 8;

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
    ContractsApi contracts;

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
    void concurrentFundingAttemptsMakeOnePaymentAndOneFund() throws Exception {
        Funded pending = escrow.pendingContract(120_000);

        List<Response> responses =
                race(RACERS, i -> () -> escrow.fund(pending.homeowner(), pending.contract(), "k" + i));

        assertThat(responses)
                .allSatisfy(response ->
                        assertThat(response.status()).as(response.body()).isIn(200, 409));
        assertThat(responses).filteredOn(response -> response.status() == 200).hasSize(1);
        responses.stream()
                .filter(response -> response.status() == 409)
                .forEach(loser ->
                        assertThat(loser.json().get("status").asString()).isEqualTo("FUNDED"));
        assertThat(count("SELECT count(*) FROM payments WHERE contract_id = ?", pending.contract()))
                .isEqualTo(1);
        assertThat(count(
                        "SELECT count(*) FROM transactions WHERE contract_id = ? AND kind = 'FUND'",
                        pending.contract()))
                .isEqualTo(1);
    }

    @Test
    void concurrentAcceptancesOfAMutualCancellationRefundOnce() throws Exception {
        Funded funded = escrow.fundedContract(90_000);
        api.post("/api/contracts/" + funded.contract() + "/cancellation-proposal")
                .bearer(funded.contractor().accessToken())
                .send();

        List<Response> responses = race(
                RACERS,
                i -> () -> api.post("/api/contracts/" + funded.contract() + "/cancellation-proposal/accept")
                        .bearer(funded.homeowner().accessToken())
                        .header("Idempotency-Key", "accept-" + i)
                        .send());

        assertThat(responses).filteredOn(response -> response.status() == 200).hasSize(1);
        assertThat(responses).filteredOn(response -> response.status() != 200).allSatisfy(loser -> {
            assertThat(loser.status()).as(loser.body()).isEqualTo(409);
            assertThat(loser.json().get("status").asString()).isEqualTo("REFUNDED");
        });
        assertThat(exits(funded.contract())).isEqualTo(1);
    }

    @Test
    void concurrentReleaseRefundAndSplitOfADisputedEscrowEndItOnce() throws Exception {
        Funded funded = escrow.fundedContract(100_000);
        transactions.executeWithoutResult(status -> {
            contracts.moveTo(
                    funded.contract(),
                    ContractStatus.DISPUTED,
                    funded.homeowner().userId());
            escrowApi.freeze(funded.contract(), funded.homeowner().userId());
        });

        List<String> outcomes = race(RACERS, i -> () -> {
            try {
                return transactions
                        .execute(status -> switch (i % 3) {
                            case 0 -> escrowApi.release(funded.contract(), ExitCause.DISPUTE_RESOLUTION, null);
                            case 1 -> escrowApi.refund(funded.contract(), ExitCause.DISPUTE_RESOLUTION, null);
                            default ->
                                escrowApi.split(
                                        funded.contract(),
                                        new Money(40_000, "USD"),
                                        ExitCause.DISPUTE_RESOLUTION,
                                        null);
                        })
                        .outcome()
                        .name();
            } catch (ProblemException refused) {
                return refused.getMessage();
            }
        });

        assertThat(outcomes)
                .filteredOn(outcome -> List.of("RELEASED", "REFUNDED", "SPLIT").contains(outcome))
                .hasSize(1);
        assertThat(outcomes)
                .filteredOn(outcome -> outcome.startsWith("The contract is "))
                .hasSize(RACERS - 1);
        assertThat(exits(funded.contract())).isEqualTo(1);
    }

    private int exits(UUID contract) {
        return count(
                "SELECT count(*) FROM transactions WHERE contract_id = ? AND kind IN ('RELEASE', 'REFUND', 'SPLIT')",
                contract);
    }

    private int count(String sql, UUID contract) {
        return db.owner().sql(sql).param(contract).query(Integer.class).single();
    }

    interface Racer<T> {
        Callable<T> task(int index);
    }

    /** Starts every task, lets them go at once, and collects the results. */
    static <T> List<T> race(int racers, Racer<T> racer) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            CountDownLatch ready = new CountDownLatch(racers);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                Callable<T> task = racer.task(i);
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return task.call();
                }));
            }
            ready.await();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
