package com.fairtradeworker.reviews;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.ApiClient.Response;
import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.EscrowFixtures.Funded;
import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.LedgerInvariants;
import com.fairtradeworker.support.MarketplaceFixtures;
import com.fairtradeworker.support.MutableClock;
import com.fairtradeworker.support.TestAccounts;
import com.fairtradeworker.support.TestAccounts.SignedIn;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Many contracts of one contractor publish their reviews at the same moment (each homeowner's review completes a pair
 * the contractor started), racing through HTTP: every publication counts once in the contractor's rating. A
 * read-then-write of the figures would lose updates here; the in-place increment under the row lock does not.
 */
@IntegrationTest
class ConcurrentPublicationTest {

    private static final int CONTRACTS = 6;

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Autowired
    DatabaseRoles db;

    @Autowired
    MutableClock clock;

    @AfterEach
    void moneyInvariantsHold() {
        new LedgerInvariants(db).assertHold();
    }

    @Test
    void concurrentPublicationsForOneContractorAreAllCounted() throws Exception {
        ReviewFixtures reviews =
                new ReviewFixtures(api, accounts, db, new MarketplaceFixtures(api, accounts, db, clock));
        SignedIn contractor = reviews.market().contractor();
        List<Funded> contracts = new ArrayList<>();
        for (int i = 0; i < CONTRACTS; i++) {
            Funded contract = reviews.releasedFor(contractor, 10_000 + i);
            reviews.reviewed(contractor, contract.contract(), 5, "Good client " + i);
            contracts.add(contract);
        }
        ExecutorService pool = Executors.newFixedThreadPool(CONTRACTS);
        List<Integer> ratings = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> racing = new ArrayList<>();
            for (int i = 0; i < CONTRACTS; i++) {
                Funded contract = contracts.get(i);
                int rating = 1 + i % 5;
                ratings.add(rating);
                racing.add(pool.submit(() -> {
                    start.await();
                    return reviews.submit(contract.homeowner(), contract.contract(), rating, "Rated " + rating);
                }));
            }
            start.countDown();
            for (Future<Response> response : racing) {
                Response answered = response.get(60, TimeUnit.SECONDS);
                assertThat(answered.status()).as(answered.body()).isEqualTo(201);
                assertThat(answered.json().get("status").asString()).isEqualTo("PUBLISHED");
            }
        } finally {
            pool.shutdownNow();
        }

        int total = ratings.stream().mapToInt(Integer::intValue).sum();
        assertThat(reviews.figures("contractor_profiles", contractor.userId())).isEqualTo(CONTRACTS + " " + total);
        double average = Math.round(100.0 * total / CONTRACTS) / 100.0;
        assertThat(reviews.profileRating(contractor.userId())).isEqualTo(CONTRACTS + " " + average);
        assertThat(db.owner()
                        .sql("SELECT review_count || ' ' || (SELECT sum(rating) FROM reviews WHERE subject_id = ?"
                                + " AND status = 'PUBLISHED') FROM contractor_rating_summaries WHERE contractor_id = ?")
                        .params(contractor.userId(), contractor.userId())
                        .query(String.class)
                        .single())
                .isEqualTo(CONTRACTS + " " + total);
        for (Funded contract : contracts) {
            assertThat(reviews.figures(
                            "homeowner_profiles", contract.homeowner().userId()))
                    .isEqualTo("1 5");
        }
        // Each party's own profile shows the same figures.
        JsonNode own = api.get("/api/me/contractor-profile")
                .bearer(contractor.accessToken())
                .send()
                .json()
                .get("rating");
        assertThat(own.get("reviewCount").asInt()).isEqualTo(CONTRACTS);
        assertThat(own.get("averageRating").asDouble()).isEqualTo(average);
        JsonNode homeowner = api.get("/api/me/homeowner-profile")
                .bearer(contracts.get(0).homeowner().accessToken())
                .send()
                .json()
                .get("rating");
        assertThat(homeowner.get("reviewCount").asInt()).isEqualTo(1);
        assertThat(homeowner.get("averageRating").asDouble()).isEqualTo(5.0);
    }
}
