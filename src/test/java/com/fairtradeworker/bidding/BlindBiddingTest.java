package com.fairtradeworker.bidding;

import static com.fairtradeworker.support.MarketplaceFixtures.bidJson;
import static com.fairtradeworker.support.MarketplaceFixtures.comparable;
import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.ApiClient.Response;
import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.MarketplaceFixtures;
import com.fairtradeworker.support.MutableClock;
import com.fairtradeworker.support.TestAccounts;
import com.fairtradeworker.support.TestAccounts.SignedIn;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Nothing a contractor can observe reveals a competitor: the same contractor doing the same things on a job nobody else
 * bid on and on a crowded one gets the same answers, status and body and header names, apart from ids and times.
 */
@IntegrationTest
class BlindBiddingTest {

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Autowired
    DatabaseRoles db;

    @Autowired
    MutableClock clock;

    MarketplaceFixtures market;

    @BeforeEach
    void fixtures() {
        market = new MarketplaceFixtures(api, accounts, db, clock);
    }

    @Test
    void ownBidResponsesAreTheSameWhetherOrNotCompetitorsExist() {
        SignedIn homeowner = market.homeowner();
        SignedIn contractor = market.contractor();
        List<SignedIn> competitors = List.of(market.contractor(), market.contractor(), market.contractor());
        UUID lonelyJob = market.openJob(homeowner);
        UUID crowdedJob = market.openJob(homeowner);
        market.bid(competitors.get(0), crowdedJob, 50_000); // cheaper than ours
        market.bid(competitors.get(1), crowdedJob, 250_000);

        List<String> alone = journey(contractor, lonelyJob, () -> {});
        List<String> crowded =
                journey(contractor, crowdedJob, () -> market.bid(competitors.get(2), crowdedJob, 90_000));

        assertThat(crowded).containsExactlyElementsOf(alone);
    }

    @Test
    void aCompetitorsBidIdAnswersExactlyLikeARandomId() {
        SignedIn homeowner = market.homeowner();
        SignedIn contractor = market.contractor();
        SignedIn competitor = market.contractor();
        UUID job = market.openJob(homeowner);
        market.bid(contractor, job, 100_000);
        UUID theirs = market.bid(competitor, job, 80_000);
        UUID random = UUID.randomUUID();

        for (String[] route : new String[][] {
            {"GET", "/api/bids/%s"},
            {"GET", "/api/bids/%s/revisions"},
            {"PUT", "/api/bids/%s"},
            {"POST", "/api/bids/%s/withdraw"}
        }) {
            Response real = call(contractor, route[0], route[1].formatted(theirs));
            Response missing = call(contractor, route[0], route[1].formatted(random));
            assertThat(real.status()).as(route[1]).isEqualTo(404);
            assertThat(comparable(real)).as(route[1]).isEqualTo(comparable(missing));
            assertThat(headerNames(real)).as(route[1]).isEqualTo(headerNames(missing));
            // Only the caller's own input (the path in "instance") comes back, nothing of the bid.
            assertThat(real.body())
                    .doesNotContain(competitor.userId().toString())
                    .doesNotContain("80000");
        }
        assertThat(market.bidStatus(theirs)).isEqualTo("SUBMITTED");
    }

    @Test
    void losingBiddersLearnOnlyThatTheirOwnBidWasRejected() {
        SignedIn homeowner = market.homeowner();
        SignedIn winner = market.contractor();
        SignedIn loser = market.contractor();
        UUID job = market.openJob(homeowner);
        UUID winning = market.bid(winner, job, 100_000);
        UUID losing = market.bid(loser, job, 120_000);
        UUID contract = market.contract(homeowner, winning);

        Response ownBid =
                api.get("/api/bids/" + losing).bearer(loser.accessToken()).send();
        Response list = api.get("/api/jobs/" + job + "/bids")
                .bearer(loser.accessToken())
                .send();

        assertThat(ownBid.json().get("status").asString()).isEqualTo("REJECTED");
        assertThat(list.json().get("items")).hasSize(1);
        assertThat(list.body()).doesNotContain(winning.toString()).doesNotContain("100000");
        assertThat(api.get("/api/contracts/" + contract)
                        .bearer(loser.accessToken())
                        .send()
                        .status())
                .isEqualTo(404);
    }

    /** Everything a contractor can do with their bid, as comparable answers; {@code meanwhile} runs mid-way. */
    private List<String> journey(SignedIn contractor, UUID job, Runnable meanwhile) {
        List<String> answers = new ArrayList<>();
        Response placed = market.placeBid(contractor, job, bidJson(100_000, "Same offer everywhere."));
        answers.add(describe(placed));
        UUID bid = UUID.fromString(placed.json().get("id").asString());
        meanwhile.run();
        answers.add(describe(call(contractor, "GET", "/api/bids/" + bid)));
        answers.add(describe(call(contractor, "GET", "/api/jobs/" + job + "/bids")));
        answers.add(describe(market.placeBid(contractor, job, bidJson(90_000, "Again."))));
        answers.add(describe(api.put("/api/bids/" + bid)
                .bearer(contractor.accessToken())
                .json(bidJson(95_000, "A little lower."))
                .send()));
        answers.add(describe(call(contractor, "GET", "/api/bids/" + bid + "/revisions")));
        answers.add(describe(call(contractor, "POST", "/api/bids/" + bid + "/withdraw")));
        answers.add(describe(call(contractor, "POST", "/api/bids/" + bid + "/withdraw")));
        answers.add(describe(api.put("/api/bids/" + bid)
                .bearer(contractor.accessToken())
                .json(bidJson(95_000, "Too late."))
                .send()));
        answers.add(describe(call(contractor, "GET", "/api/jobs/" + job + "/bids")));
        return answers;
    }

    private Response call(SignedIn user, String method, String path) {
        ApiClient.Request request = switch (method) {
            case "GET" -> api.get(path);
            case "PUT" -> api.put(path).json(bidJson(1_000, "Probe."));
            case "POST" -> api.post(path);
            default -> throw new IllegalArgumentException(method);
        };
        return request.bearer(user.accessToken()).send();
    }

    private static String describe(Response response) {
        return comparable(response) + " headers=" + headerNames(response);
    }

    /** Header names only: values such as the caller's own remaining rate-limit quota change from call to call. */
    private static Set<String> headerNames(Response response) {
        return new TreeSet<>(response.raw().headers().map().keySet());
    }
}
