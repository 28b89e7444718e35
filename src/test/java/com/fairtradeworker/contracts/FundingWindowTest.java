package com.fairtradeworker.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.contracts.ContractEvents.CancellationReason;
import com.fairtradeworker.contracts.ContractEvents.ContractCancelled;
import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.MarketplaceEventLog;
import com.fairtradeworker.support.MarketplaceFixtures;
import com.fairtradeworker.support.MutableClock;
import com.fairtradeworker.support.TestAccounts;
import com.fairtradeworker.support.TestAccounts.SignedIn;
import com.fairtradeworker.timers.TimerPoller;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

/**
 * The funding window: seven days after acceptance an unfunded contract is cancelled and its job with it, exactly once,
 * however many pollers race for the timer; a funded contract is left alone.
 */
@IntegrationTest
class FundingWindowTest {

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Autowired
    DatabaseRoles db;

    @Autowired
    MutableClock clock;

    @Autowired
    TimerPoller poller;

    @Autowired
    MarketplaceEventLog events;

    MarketplaceFixtures market;
    SignedIn homeowner;
    Instant start;

    @BeforeEach
    void pinClock() {
        start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        clock.pinAt(start);
        market = new MarketplaceFixtures(api, accounts, db, clock);
        homeowner = market.homeowner();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void anUnfundedContractIsCancelledOnceWhenTheWindowCloses() throws Exception {
        UUID job = market.publishedJobViaApi(homeowner);
        UUID contract = market.contract(homeowner, market.bid(market.contractor(), job, 100_000));

        clock.advance(Duration.ofDays(7).minusMillis(1));
        poller.fireDue();
        assertThat(contractStatus(contract)).isEqualTo("PENDING_FUNDING");

        clock.advance(Duration.ofMillis(1));
        firedFromTwoThreads();
        poller.fireDue();
        poller.fireDue();

        assertThat(contractStatus(contract)).isEqualTo("CANCELLED");
        assertThat(market.jobStatus(job)).isEqualTo("CANCELLED");
        assertThat(db.app()
                        .sql("SELECT ended_at FROM bid_contracts WHERE id = ?")
                        .param(contract)
                        .query(java.sql.Timestamp.class)
                        .single()
                        .toInstant())
                .isEqualTo(start.plus(Duration.ofDays(7)));
        assertThat(audits("CONTRACT_CANCELLED", contract)).isEqualTo(1);
        assertThat(audits("JOB_CANCELLED", job)).isEqualTo(1);
        assertThat(events.about(ContractCancelled.class, contract))
                .containsExactly(new ContractCancelled(contract, job, CancellationReason.FUNDING_WINDOW_PASSED));
        assertThat(db.app()
                        .sql("SELECT count(*) FROM due_timers WHERE subject_id = ? AND status = 'FIRED'")
                        .param(contract)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        SignedIn stillThere = accounts.login(homeowner.email(), TestAccounts.PASSWORD); // tokens expired meanwhile
        assertThat(api.get("/api/contracts/" + contract)
                        .bearer(stillThere.accessToken())
                        .send()
                        .json()
                        .get("fundingDeadline")
                        .isNull())
                .isTrue();
    }

    @Test
    void aContractThatLeftPendingFundingIsNotCancelledByTheClock() {
        UUID job = market.openJob(homeowner);
        UUID contract = market.contract(homeowner, market.bid(market.contractor(), job, 100_000));
        // Funding is the escrow module's; here the state is set as it will leave it.
        db.owner()
                .sql("UPDATE bid_contracts SET status = 'FUNDED', funded_at = ? WHERE id = ?")
                .params(java.sql.Timestamp.from(start), contract)
                .update();

        clock.advance(Duration.ofDays(8));
        poller.fireDue();

        assertThat(contractStatus(contract)).isEqualTo("FUNDED");
        assertThat(market.jobStatus(job)).isEqualTo("AWARDED");
        assertThat(audits("CONTRACT_CANCELLED", contract)).isZero();
    }

    private void firedFromTwoThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            Callable<Integer> poll = () -> {
                go.await();
                return poller.fireDue();
            };
            List<Future<Integer>> polls = List.of(pool.submit(poll), pool.submit(poll));
            go.countDown();
            for (Future<Integer> result : polls) {
                result.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private String contractStatus(UUID contract) {
        return db.app()
                .sql("SELECT status FROM bid_contracts WHERE id = ?")
                .param(contract)
                .query(String.class)
                .single();
    }

    private long audits(String action, UUID entity) {
        return db.app()
                .sql("SELECT count(*) FROM audit_logs WHERE action = ? AND entity_id = ?")
                .params(action, entity.toString())
                .query(Long.class)
                .single();
    }
}
