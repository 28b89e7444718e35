package com.fairtradeworker.completions;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Two approvals of the same work race through HTTP with different Idempotency-Keys (so idempotency does not
 * serialize them): exactly one releases escrow, the other finds it released (409). Several rounds, each on its own
 * contract, so the requests really overlap at least once.
 */
@IntegrationTest
class ConcurrentApprovalTest {

    private static final int ROUNDS = 3;

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Autowired
    DatabaseRoles db;

    @Autowired
    MutableClock clock;

    @Autowired
    TimerPoller timers;

    @AfterEach
    void moneyInvariantsHold() {
        new LedgerInvariants(db).assertHold();
    }

    @Test
    void twoConcurrentApprovalsReleaseOnce() throws Exception {
        MarketplaceFixtures market = new MarketplaceFixtures(api, accounts, db, clock);
        EscrowFixtures escrow = new EscrowFixtures(api, market);
        CompletionSteps steps = new CompletionSteps(api, db);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                Funded funded = escrow.fundedContract(80_000);
                UUID completion = steps.submitted(funded.contractor(), funded.contract());
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Response>> racing = new ArrayList<>();
                for (String key : List.of("race-a-" + round, "race-b-" + round)) {
                    racing.add(pool.submit(() -> {
                        start.await();
                        return steps.approve(funded.homeowner(), funded.contract(), key);
                    }));
                }
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Response> response : racing) {
                    statuses.add(response.get(60, TimeUnit.SECONDS).status());
                }

                assertThat(statuses).as("round %d", round).containsExactlyInAnyOrder(200, 409);
                assertThat(steps.releases(funded.contract())).isEqualTo(1);
                assertThat(steps.contractStatus(funded.contract())).isEqualTo("RELEASED");
                assertThat(steps.completionStatuses(funded.contract())).containsExactly("APPROVED");
                assertThat(steps.audits("COMPLETION_APPROVED", completion)).isEqualTo(1);
                assertThat(db.owner()
                                .sql("SELECT count(*) FROM payouts WHERE contract_id = ?")
                                .param(funded.contract())
                                .query(Long.class)
                                .single())
                        .isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The homeowner approves at the moment the approval window runs out: the approval through HTTP and the timers'
     * poller race; whichever wins, the escrow is released once and the work is approved once. The window is made due
     * now in the database (the clock stays put, so the homeowner's token stays valid).
     */
    @Test
    void approvalAndTheApprovalClockRacingReleaseOnce() throws Exception {
        MarketplaceFixtures market = new MarketplaceFixtures(api, accounts, db, clock);
        EscrowFixtures escrow = new EscrowFixtures(api, market);
        CompletionSteps steps = new CompletionSteps(api, db);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                Funded funded = escrow.fundedContract(60_000);
                steps.submitted(funded.contractor(), funded.contract());
                assertThat(db.owner().sql("""
                                        UPDATE due_timers SET due_at = now() - interval '1 second'
                                         WHERE subject_id = ? AND kind = 'COMPLETION_APPROVAL_WINDOW_ENDS'
                                           AND status = 'SCHEDULED'""").param(funded.contract()).update())
                        .isEqualTo(1);
                CountDownLatch start = new CountDownLatch(1);
                String key = "approve-vs-clock-" + round;
                Future<Response> approval = pool.submit(() -> {
                    start.await();
                    return steps.approve(funded.homeowner(), funded.contract(), key);
                });
                Future<Integer> clockFired = pool.submit(() -> {
                    start.await();
                    return timers.fireDue();
                });
                start.countDown();
                int status = approval.get(60, TimeUnit.SECONDS).status();
                clockFired.get(60, TimeUnit.SECONDS);
                timers.fireDue();

                assertThat(status).as("round %d", round).isIn(200, 409);
                assertThat(steps.releases(funded.contract())).isEqualTo(1);
                assertThat(steps.contractStatus(funded.contract())).isEqualTo("RELEASED");
                assertThat(steps.completionStatuses(funded.contract()))
                        .containsExactly(status == 200 ? "APPROVED" : "AUTO_APPROVED");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
