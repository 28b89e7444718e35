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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The domain guide's visibility table, row "bid" and row "bid count, lowest amount", cell by cell for every bid route:
 * the job's homeowner, another homeowner, the bid's contractor, another contractor (who bid on the same job), an admin
 * and an anonymous caller. Every "no" for a signed-in caller must be indistinguishable from asking about an id that
 * does not exist.
 */
@IntegrationTest
class BidVisibilityTableTest {

    enum Actor {
        HOMEOWNER_OWNER,
        OTHER_HOMEOWNER,
        CONTRACTOR_OWNER,
        OTHER_CONTRACTOR,
        ADMIN,
        ANONYMOUS
    }

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Autowired
    DatabaseRoles db;

    @Autowired
    MutableClock clock;

    MarketplaceFixtures market;
    Map<Actor, SignedIn> actors;
    UUID jobId;
    UUID bidId;
    UUID competitorBidId;

    @BeforeEach
    void scenario() {
        market = new MarketplaceFixtures(api, accounts, db, clock);
        actors = new EnumMap<>(Actor.class);
        actors.put(Actor.HOMEOWNER_OWNER, market.homeowner());
        actors.put(Actor.OTHER_HOMEOWNER, market.homeowner());
        actors.put(Actor.CONTRACTOR_OWNER, market.contractor());
        actors.put(Actor.OTHER_CONTRACTOR, market.contractor());
        actors.put(Actor.ADMIN, accounts.admin());
        jobId = market.openJob(actors.get(Actor.HOMEOWNER_OWNER));
        bidId = market.bid(actors.get(Actor.CONTRACTOR_OWNER), jobId, 150_000);
        competitorBidId = market.bid(actors.get(Actor.OTHER_CONTRACTOR), jobId, 120_000);
    }

    @Test
    void readingOneBid() {
        Map<Actor, Integer> expected = Map.of(
                Actor.HOMEOWNER_OWNER, 200,
                Actor.OTHER_HOMEOWNER, 404,
                Actor.CONTRACTOR_OWNER, 200,
                Actor.OTHER_CONTRACTOR, 404,
                Actor.ADMIN, 200,
                Actor.ANONYMOUS, 401);

        expectTable(expected, actor -> request("GET", "/api/bids/" + bidId, null, actor));
        for (Actor seer : List.of(Actor.HOMEOWNER_OWNER, Actor.CONTRACTOR_OWNER, Actor.ADMIN)) {
            JsonNode bid = request("GET", "/api/bids/" + bidId, null, seer).json();
            assertThat(bid.get("id").asString()).isEqualTo(bidId.toString());
            assertThat(bid.get("amount").get("amountMinor").asLong()).isEqualTo(150_000);
            assertThat(bid.get("platformFee").get("amountMinor").asLong()).isEqualTo(7_500);
            assertThat(bid.get("contractorReceives").get("amountMinor").asLong())
                    .isEqualTo(142_500);
        }
        expectSameAsMissing(Actor.OTHER_HOMEOWNER, "GET", "/api/bids/%s", null);
        expectSameAsMissing(Actor.OTHER_CONTRACTOR, "GET", "/api/bids/%s", null);
    }

    @Test
    void readingABidsRevisions() {
        Map<Actor, Integer> expected = Map.of(
                Actor.HOMEOWNER_OWNER, 200,
                Actor.OTHER_HOMEOWNER, 404,
                Actor.CONTRACTOR_OWNER, 200,
                Actor.OTHER_CONTRACTOR, 404,
                Actor.ADMIN, 200,
                Actor.ANONYMOUS, 401);

        expectTable(expected, actor -> request("GET", "/api/bids/" + bidId + "/revisions", null, actor));
        expectSameAsMissing(Actor.OTHER_HOMEOWNER, "GET", "/api/bids/%s/revisions", null);
        expectSameAsMissing(Actor.OTHER_CONTRACTOR, "GET", "/api/bids/%s/revisions", null);
    }

    @Test
    void listingAJobsBids() {
        Map<Actor, Integer> expected = Map.of(
                Actor.HOMEOWNER_OWNER, 200,
                Actor.OTHER_HOMEOWNER, 404,
                Actor.CONTRACTOR_OWNER, 200,
                Actor.OTHER_CONTRACTOR, 200,
                Actor.ADMIN, 200,
                Actor.ANONYMOUS, 401);

        expectTable(expected, actor -> request("GET", "/api/jobs/" + jobId + "/bids", null, actor));
        for (Actor seesAll : List.of(Actor.HOMEOWNER_OWNER, Actor.ADMIN)) {
            JsonNode all = request("GET", "/api/jobs/" + jobId + "/bids", null, seesAll)
                    .json();
            assertThat(ids(all)).containsExactly(bidId.toString(), competitorBidId.toString());
            assertThat(all.get("liveBidCount").asInt()).isEqualTo(2);
            assertThat(all.get("lowestLiveAmount").get("amountMinor").asLong()).isEqualTo(120_000);
        }
        JsonNode own = request("GET", "/api/jobs/" + jobId + "/bids", null, Actor.CONTRACTOR_OWNER)
                .json();
        assertThat(ids(own)).containsExactly(bidId.toString());
        assertThat(own.propertyNames()).containsExactly("items"); // no count, no lowest amount, no cursor
        JsonNode competitors = request("GET", "/api/jobs/" + jobId + "/bids", null, Actor.OTHER_CONTRACTOR)
                .json();
        assertThat(ids(competitors)).containsExactly(competitorBidId.toString());
        Response otherHomeowner = request("GET", "/api/jobs/" + jobId + "/bids", null, Actor.OTHER_HOMEOWNER);
        Response missingJob = request("GET", "/api/jobs/" + UUID.randomUUID() + "/bids", null, Actor.OTHER_HOMEOWNER);
        assertThat(comparable(otherHomeowner)).isEqualTo(comparable(missingJob));
    }

    @Test
    void aContractorWithoutABidSeesAnEmptyListAndNoFigures() {
        SignedIn newcomer = market.contractor();

        Response response = api.get("/api/jobs/" + jobId + "/bids")
                .bearer(newcomer.accessToken())
                .send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"items\":[]}");
    }

    @Test
    void revisingABid() {
        Map<Actor, Integer> refusals = Map.of(
                Actor.HOMEOWNER_OWNER, 403,
                Actor.OTHER_HOMEOWNER, 403,
                Actor.OTHER_CONTRACTOR, 404,
                Actor.ADMIN, 403,
                Actor.ANONYMOUS, 401);
        String revision = bidJson(140_000, "A better price.");

        expectTable(refusals, actor -> request("PUT", "/api/bids/" + bidId, revision, actor));
        expectSameAsMissing(Actor.OTHER_CONTRACTOR, "PUT", "/api/bids/%s", revision);
        assertThat(db.app()
                        .sql("SELECT revision FROM bids WHERE id = ?")
                        .param(bidId)
                        .query(Integer.class)
                        .single())
                .as("refused revisions changed nothing")
                .isEqualTo(1);

        Response own = request("PUT", "/api/bids/" + bidId, revision, Actor.CONTRACTOR_OWNER);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().get("revision").asInt()).isEqualTo(2);
    }

    @Test
    void withdrawingABid() {
        Map<Actor, Integer> refusals = Map.of(
                Actor.HOMEOWNER_OWNER, 403,
                Actor.OTHER_HOMEOWNER, 403,
                Actor.OTHER_CONTRACTOR, 404,
                Actor.ADMIN, 403,
                Actor.ANONYMOUS, 401);

        expectTable(refusals, actor -> request("POST", "/api/bids/" + bidId + "/withdraw", null, actor));
        expectSameAsMissing(Actor.OTHER_CONTRACTOR, "POST", "/api/bids/%s/withdraw", null);
        assertThat(market.bidStatus(bidId)).isEqualTo("SUBMITTED");

        Response own = request("POST", "/api/bids/" + bidId + "/withdraw", null, Actor.CONTRACTOR_OWNER);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().get("status").asString()).isEqualTo("WITHDRAWN");
    }

    @Test
    void placingABid() {
        Map<Actor, Integer> expected = Map.of(
                Actor.HOMEOWNER_OWNER, 403,
                Actor.OTHER_HOMEOWNER, 403,
                Actor.CONTRACTOR_OWNER, 409, // their one bid exists
                Actor.OTHER_CONTRACTOR, 409,
                Actor.ADMIN, 403,
                Actor.ANONYMOUS, 401);
        String bid = bidJson(99_000, "Me too.");

        expectTable(expected, actor -> request("POST", "/api/jobs/" + jobId + "/bids", bid, actor));
        Response duplicate = request("POST", "/api/jobs/" + jobId + "/bids", bid, Actor.OTHER_CONTRACTOR);
        assertThat(duplicate.json().get("bidId").asString()).isEqualTo(competitorBidId.toString());
        assertThat(duplicate.body()).doesNotContain(bidId.toString());
        assertThat(market.placeBid(market.contractor(), jobId, bid).status()).isEqualTo(201);
    }

    @Test
    void acceptingABid() {
        Map<Actor, Integer> refusals = Map.of(
                Actor.OTHER_HOMEOWNER, 404,
                Actor.CONTRACTOR_OWNER, 403,
                Actor.OTHER_CONTRACTOR, 403,
                Actor.ADMIN, 403,
                Actor.ANONYMOUS, 401);

        expectTable(refusals, actor -> request("POST", "/api/bids/" + bidId + "/accept", null, actor));
        expectSameAsMissing(Actor.OTHER_HOMEOWNER, "POST", "/api/bids/%s/accept", null);
        assertThat(market.bidStatus(bidId)).isEqualTo("SUBMITTED");
        assertThat(market.jobStatus(jobId)).isEqualTo("OPEN");

        assertThat(request("POST", "/api/bids/" + bidId + "/accept", null, Actor.HOMEOWNER_OWNER)
                        .status())
                .isEqualTo(201);
    }

    @Test
    void listingMyBidsShowsOnlyMyOwn() {
        Map<Actor, Integer> expected = Map.of(
                Actor.HOMEOWNER_OWNER, 200,
                Actor.OTHER_HOMEOWNER, 200,
                Actor.CONTRACTOR_OWNER, 200,
                Actor.OTHER_CONTRACTOR, 200,
                Actor.ADMIN, 200,
                Actor.ANONYMOUS, 401);

        expectTable(expected, actor -> request("GET", "/api/me/bids", null, actor));
        assertThat(ids(request("GET", "/api/me/bids", null, Actor.CONTRACTOR_OWNER)
                        .json()))
                .containsExactly(bidId.toString());
        assertThat(ids(request("GET", "/api/me/bids", null, Actor.OTHER_CONTRACTOR)
                        .json()))
                .containsExactly(competitorBidId.toString());
        for (Actor bidless : List.of(Actor.HOMEOWNER_OWNER, Actor.OTHER_HOMEOWNER, Actor.ADMIN)) {
            assertThat(ids(request("GET", "/api/me/bids", null, bidless).json()))
                    .isEmpty();
        }
    }

    private void expectTable(Map<Actor, Integer> expected, java.util.function.Function<Actor, Response> call) {
        List<String> mismatches = new ArrayList<>();
        expected.forEach((actor, status) -> {
            Response response = call.apply(actor);
            if (response.status() != status) {
                mismatches.add(
                        actor + ": expected " + status + " but got " + response.status() + " " + response.body());
            }
        });
        assertThat(mismatches).isEmpty();
    }

    /** The refusal for the real bid equals, byte for byte apart from ids and times, the one for a random id. */
    private void expectSameAsMissing(Actor actor, String method, String pathTemplate, String body) {
        Response real = request(method, pathTemplate.formatted(bidId), body, actor);
        Response missing = request(method, pathTemplate.formatted(UUID.randomUUID()), body, actor);
        assertThat(real.status()).isEqualTo(404);
        assertThat(comparable(real)).isEqualTo(comparable(missing));
        assertThat(real.raw().headers().map().keySet())
                .containsExactlyInAnyOrderElementsOf(
                        missing.raw().headers().map().keySet());
    }

    private Response request(String method, String path, String body, Actor actor) {
        ApiClient.Request request = switch (method) {
            case "GET" -> api.get(path);
            case "PUT" -> api.put(path);
            case "POST" -> api.post(path);
            default -> throw new IllegalArgumentException(method);
        };
        if (body != null) {
            request.json(body);
        }
        if (actor != Actor.ANONYMOUS) {
            request.bearer(actors.get(actor).accessToken());
        }
        return request.send();
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }
}
