package com.fairtradeworker.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.contracts.ContractEvents.ContractCreated;
import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.ApiClient.Response;
import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.MarketplaceEventLog;
import com.fairtradeworker.support.MarketplaceFixtures;
import com.fairtradeworker.support.MutableClock;
import com.fairtradeworker.support.TestAccounts;
import com.fairtradeworker.support.TestAccounts.SignedIn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Exactly one contract per job under concurrent acceptance: 20 simultaneous HTTP requests on each of 4 jobs, spread
 * over the job's 5 bids (different bids, and the same bid retried, as two browser tabs or a nervous double-click do),
 * all released at once. Per job exactly one request wins (201), every other gets 409 naming the job's state, and the
 * database holds one contract, one ACCEPTED bid and only REJECTED others, each change audited and announced once.
 */
@IntegrationTest
class ConcurrentAcceptanceTest {

    static final int JOBS = 4;
    static final int BIDS_PER_JOB = 5;
    static final int REQUESTS_PER_JOB = 20;

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Autowired
    DatabaseRoles db;

    @Autowired
    MutableClock clock;

    @Autowired
    MarketplaceEventLog events;

    record Attempt(UUID job, UUID bid, Response response) {}

    @Test
    void concurrentAcceptancesMakeExactlyOneContractPerJob() throws Exception {
        MarketplaceFixtures market = new MarketplaceFixtures(api, accounts, db, clock);
        SignedIn homeowner = market.homeowner();
        List<SignedIn> contractors = new ArrayList<>();
        for (int i = 0; i < BIDS_PER_JOB; i++) {
            contractors.add(market.contractor());
        }
        Map<UUID, List<UUID>> bidsByJob = new HashMap<>();
        for (int j = 0; j < JOBS; j++) {
            UUID job = market.openJob(homeowner);
            List<UUID> bids = new ArrayList<>();
            for (int b = 0; b < BIDS_PER_JOB; b++) {
                bids.add(market.bid(contractors.get(b), job, 100_000 + 1_000L * b));
            }
            bidsByJob.put(job, bids);
        }

        List<Attempt> attempts = raceAcceptances(market, homeowner, bidsByJob);

        for (var entry : bidsByJob.entrySet()) {
            UUID job = entry.getKey();
            List<Attempt> onJob =
                    attempts.stream().filter(a -> a.job().equals(job)).toList();
            List<Attempt> winners =
                    onJob.stream().filter(a -> a.response().status() == 201).toList();
            assertThat(winners).as("winners on job %s", job).hasSize(1);
            UUID winningBid = winners.get(0).bid();
            UUID contract =
                    UUID.fromString(winners.get(0).response().json().get("id").asString());
            onJob.stream().filter(a -> a.response().status() != 201).forEach(loser -> {
                assertThat(loser.response().status())
                        .as(loser.response().body())
                        .isEqualTo(409);
                assertThat(loser.response().json().get("status").asString()).isEqualTo("AWARDED");
            });
            assertThat(count("SELECT count(*) FROM bid_contracts WHERE job_id = ?", job))
                    .isEqualTo(1);
            assertThat(db.app()
                            .sql("SELECT bid_id FROM bid_contracts WHERE job_id = ?")
                            .param(job)
                            .query(UUID.class)
                            .single())
                    .isEqualTo(winningBid);
            assertThat(market.jobStatus(job)).isEqualTo("AWARDED");
            for (UUID bid : entry.getValue()) {
                assertThat(market.bidStatus(bid))
                        .as("bid %s", bid)
                        .isEqualTo(bid.equals(winningBid) ? "ACCEPTED" : "REJECTED");
                String expectedAudit = bid.equals(winningBid) ? "BID_ACCEPTED" : "BID_REJECTED";
                assertThat(count(
                                "SELECT count(*) FROM audit_logs WHERE entity_id = CAST(? AS text) AND action = '"
                                        + expectedAudit + "'",
                                bid))
                        .isEqualTo(1);
            }
            assertThat(count(
                            "SELECT count(*) FROM audit_logs WHERE entity_id = CAST(? AS text)"
                                    + " AND action = 'CONTRACT_CREATED'",
                            contract))
                    .isEqualTo(1);
            assertThat(count(
                            "SELECT count(*) FROM audit_logs WHERE entity_id = CAST(? AS text)"
                                    + " AND action = 'JOB_AWARDED'",
                            job))
                    .isEqualTo(1);
            assertThat(count(
                            "SELECT count(*) FROM due_timers WHERE subject_id = ? AND status = 'SCHEDULED'"
                                    + " AND kind = 'CONTRACT_FUNDING_WINDOW_ENDS'",
                            contract))
                    .isEqualTo(1);
            assertThat(events.about(ContractCreated.class, job)).hasSize(1);
        }
    }

    /** Fires every request at once from its own thread and waits for all answers. */
    private List<Attempt> raceAcceptances(
            MarketplaceFixtures market, SignedIn homeowner, Map<UUID, List<UUID>> bidsByJob) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(JOBS * REQUESTS_PER_JOB);
        try {
            CountDownLatch ready = new CountDownLatch(JOBS * REQUESTS_PER_JOB);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Attempt>> futures = new ArrayList<>();
            bidsByJob.forEach((job, bids) -> {
                for (int i = 0; i < REQUESTS_PER_JOB; i++) {
                    UUID bid = bids.get(i % bids.size()); // every bid, each retried four times
                    futures.add(pool.submit(() -> {
                        ready.countDown();
                        go.await();
                        return new Attempt(job, bid, market.accept(homeowner, bid));
                    }));
                }
            });
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<Attempt> attempts = new ArrayList<>();
            for (Future<Attempt> future : futures) {
                attempts.add(future.get(120, TimeUnit.SECONDS));
            }
            return attempts;
        } finally {
            pool.shutdownNow();
        }
    }

    private long count(String sql, UUID id) {
        return db.app().sql(sql).param(id).query(Long.class).single();
    }
}
