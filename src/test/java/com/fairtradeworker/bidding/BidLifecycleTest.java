package com.fairtradeworker.bidding;

import static com.fairtradeworker.support.MarketplaceFixtures.bidJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.bidding.BiddingEvents.BidRevised;
import com.fairtradeworker.bidding.BiddingEvents.BidSubmitted;
import com.fairtradeworker.bidding.BiddingEvents.BidWithdrawn;
import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.ApiClient.Response;
import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.MarketplaceEventLog;
import com.fairtradeworker.support.MarketplaceFixtures;
import com.fairtradeworker.support.MutableClock;
import com.fairtradeworker.support.TestAccounts;
import com.fairtradeworker.support.TestAccounts.SignedIn;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Placing, revising and withdrawing a bid, and the bidding deadline. */
@IntegrationTest
class BidLifecycleTest {

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

    MarketplaceFixtures market;
    SignedIn homeowner;
    SignedIn contractor;

    @BeforeEach
    void fixtures() {
        market = new MarketplaceFixtures(api, accounts, db, clock);
        homeowner = market.homeowner();
        contractor = market.contractor();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aBidShowsBothSidesTheSameSplitAtTheFeeRateStampedOnIt() {
        UUID job = market.openJob(homeowner);

        Response placed = market.placeBid(contractor, job, """
                {"amount": {"amountMinor": 123457, "currency": "USD"}, "proposal": "New heater, fitted.",
                 "estimatedDurationDays": 2, "earliestStart": "2099-01-15"}
                """);

        assertThat(placed.status()).isEqualTo(201);
        UUID bid = UUID.fromString(placed.json().get("id").asString());
        assertThat(placed.header("Location")).isEqualTo("/api/bids/" + bid);
        JsonNode seenByHomeowner = api.get("/api/bids/" + bid)
                .bearer(homeowner.accessToken())
                .send()
                .json();
        for (JsonNode view : List.of(placed.json(), seenByHomeowner)) {
            assertThat(view.get("status").asString()).isEqualTo("SUBMITTED");
            assertThat(view.get("feeRateBps").asInt()).isEqualTo(500);
            assertThat(view.get("amount").get("amountMinor").asLong()).isEqualTo(123_457);
            assertThat(view.get("platformFee").get("amountMinor").asLong()).isEqualTo(6_172);
            assertThat(view.get("contractorReceives").get("amountMinor").asLong())
                    .isEqualTo(117_285);
            assertThat(view.get("contractorReceives").get("currency").asString())
                    .isEqualTo("USD");
            assertThat(view.get("earliestStart").asString()).isEqualTo("2099-01-15");
            assertThat(view.get("bidder").get("businessName").asString()).isEqualTo("Reliable Repairs");
            assertThat(view.get("bidder").get("verified").asBoolean()).isFalse();
        }
        assertThat(db.app()
                        .sql("SELECT fee_rate_bps FROM bids WHERE id = ?")
                        .param(bid)
                        .query(Integer.class)
                        .single())
                .isEqualTo(500);
        assertThat(auditActions(bid)).containsExactly("BID_SUBMITTED");
        assertThat(events.about(BidSubmitted.class, bid))
                .containsExactly(new BidSubmitted(bid, job, contractor.userId()));
    }

    @Test
    void everyRevisionIsKeptAndTheHomeownerSeesTheLatestAndItsHistory() {
        UUID job = market.openJob(homeowner);
        UUID bid = market.bid(contractor, job, 100_000);

        revise(bid, 95_000, "Cheaper with the old valve reused.");
        Response latest = revise(bid, 97_500, "Valve replaced after all.");

        assertThat(latest.status()).isEqualTo(200);
        JsonNode seen = api.get("/api/bids/" + bid)
                .bearer(homeowner.accessToken())
                .send()
                .json();
        assertThat(seen.get("revision").asInt()).isEqualTo(3);
        assertThat(seen.get("amount").get("amountMinor").asLong()).isEqualTo(97_500);
        assertThat(seen.get("proposal").asString()).isEqualTo("Valve replaced after all.");
        JsonNode history = api.get("/api/bids/" + bid + "/revisions")
                .bearer(homeowner.accessToken())
                .send()
                .json()
                .get("items");
        assertThat(history).hasSize(3);
        assertThat(history.get(0).get("revision").asInt()).isEqualTo(1);
        assertThat(history.get(0).get("amount").get("amountMinor").asLong()).isEqualTo(100_000);
        assertThat(history.get(1).get("amount").get("amountMinor").asLong()).isEqualTo(95_000);
        assertThat(history.get(1).get("platformFee").get("amountMinor").asLong())
                .isEqualTo(4_750);
        assertThat(history.get(2).get("proposal").asString()).isEqualTo("Valve replaced after all.");
        assertThat(auditActions(bid)).containsExactly("BID_SUBMITTED", "BID_REVISED", "BID_REVISED");
        assertThat(events.about(BidRevised.class, bid))
                .extracting(BidRevised::revision)
                .containsExactly(2, 3);
    }

    @Test
    void withdrawingIsFinalForThatJob() {
        UUID job = market.openJob(homeowner);
        UUID bid = market.bid(contractor, job, 100_000);

        Response withdrawn = api.post("/api/bids/" + bid + "/withdraw")
                .bearer(contractor.accessToken())
                .send();
        Response again = market.placeBid(contractor, job, bidJson(90_000, "Second thoughts."));
        Response revised = revise(bid, 90_000, "Second thoughts.");
        Response withdrawnTwice = api.post("/api/bids/" + bid + "/withdraw")
                .bearer(contractor.accessToken())
                .send();

        assertThat(withdrawn.status()).isEqualTo(200);
        assertThat(withdrawn.json().get("withdrawnAt").isNull()).isFalse();
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("type").asString()).endsWith("/already-exists");
        assertThat(again.json().get("bidStatus").asString()).isEqualTo("WITHDRAWN");
        assertThat(revised.status()).isEqualTo(409);
        assertThat(revised.json().get("status").asString()).isEqualTo("WITHDRAWN");
        assertThat(withdrawnTwice.status()).isEqualTo(409);
        assertThat(withdrawnTwice.json().get("status").asString()).isEqualTo("WITHDRAWN");
        assertThat(auditActions(bid)).containsExactly("BID_SUBMITTED", "BID_WITHDRAWN");
        assertThat(events.about(BidWithdrawn.class, bid)).hasSize(1);
    }

    @Test
    void biddingClosesAtTheDeadlineButTheHomeownerMayStillAccept() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.pinAt(now);
        // A deadline minutes away, so the 15-minute access tokens outlive it.
        UUID job = market.openJob(homeowner, now.minus(Duration.ofDays(2)), now.plus(Duration.ofMinutes(5)));
        UUID bid = market.bid(contractor, job, 100_000);
        SignedIn late = market.contractor();

        clock.advance(Duration.ofMinutes(5).minusMillis(1));
        assertThat(revise(bid, 99_000, "Just in time.").status()).isEqualTo(200);
        clock.advance(Duration.ofMillis(1));
        Response lateBid = market.placeBid(late, job, bidJson(80_000, "Late but cheap."));
        Response lateRevision = revise(bid, 90_000, "Lower.");
        Response lateWithdrawal = api.post("/api/bids/" + bid + "/withdraw")
                .bearer(contractor.accessToken())
                .send();

        for (Response refused : List.of(lateBid, lateRevision, lateWithdrawal)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(409);
            assertThat(refused.json().get("type").asString()).endsWith("/state-conflict");
            assertThat(refused.json().get("status").asString()).isEqualTo("OPEN");
        }
        assertThat(market.accept(homeowner, bid).status()).isEqualTo(201);
    }

    @Test
    void jobsThatAreNotOpenTakeNoBidsAndLookMissingToNonBidders() {
        Response missing = market.placeBid(contractor, UUID.randomUUID(), bidJson(1_000, "Hello."));
        assertThat(missing.status()).isEqualTo(404);
        for (String state : List.of("DRAFT", "AWARDED", "CANCELLED", "EXPIRED")) {
            UUID job = market.jobInState(homeowner, state);
            Response refused = market.placeBid(contractor, job, bidJson(1_000, "Hello."));
            assertThat(MarketplaceFixtures.comparable(refused))
                    .as(state)
                    .isEqualTo(MarketplaceFixtures.comparable(missing));
            assertThat(api.get("/api/jobs/" + job + "/bids")
                            .bearer(contractor.accessToken())
                            .send()
                            .status())
                    .as(state)
                    .isEqualTo(404);
        }
    }

    @Test
    void onlyVerifiedContractorsWithACompleteProfileMayBid() {
        UUID job = market.openJob(homeowner);
        SignedIn unverified = accounts.unverifiedUser("CONTRACTOR");
        SignedIn noProfile = accounts.verifiedUser("CONTRACTOR");

        Response fromUnverified = market.placeBid(unverified, job, bidJson(1_000, "Hello."));
        Response fromIncomplete = market.placeBid(noProfile, job, bidJson(1_000, "Hello."));

        assertThat(fromUnverified.status()).isEqualTo(403);
        assertThat(fromUnverified.json().get("type").asString()).endsWith("/email-not-verified");
        assertThat(fromIncomplete.status()).isEqualTo(403);
        assertThat(fromIncomplete.json().get("type").asString()).endsWith("/profile-incomplete");
        market.completeProfile(noProfile);
        assertThat(market.placeBid(noProfile, job, bidJson(1_000, "Hello.")).status())
                .isEqualTo(201);
        assertThat(db.app()
                        .sql("SELECT count(*) FROM bids WHERE job_id = ?")
                        .param(job)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void invalidTermsAreRefusedFieldByField() {
        UUID job = market.openJob(homeowner);

        Response refused = market.placeBid(contractor, job, """
                {"amount": {"amountMinor": 10000000001, "currency": "EUR"}, "proposal": "%s",
                 "estimatedDurationDays": 0, "earliestStart": "2000-01-01"}
                """.formatted("x".repeat(5_001)));
        Response zero = market.placeBid(contractor, job, bidJson(0, "Free!"));
        Response blank = market.placeBid(contractor, job, bidJson(100, "   "));
        Response badCurrency = market.placeBid(contractor, job, """
                {"amount": {"amountMinor": 100, "currency": "usd"}, "proposal": "Hi", "estimatedDurationDays": 1}
                """);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder(
                        "amount.amountMinor", "amount.currency", "proposal", "estimatedDurationDays", "earliestStart");
        assertThat(zero.status()).isEqualTo(400);
        assertThat(blank.status()).isEqualTo(400);
        assertThat(badCurrency.status()).isEqualTo(400);
        assertThat(db.app()
                        .sql("SELECT count(*) FROM bids WHERE job_id = ?")
                        .param(job)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private Response revise(UUID bid, long amountMinor, String proposal) {
        return api.put("/api/bids/" + bid)
                .bearer(contractor.accessToken())
                .json(bidJson(amountMinor, proposal))
                .send();
    }

    private List<String> auditActions(UUID bid) {
        return db.app()
                .sql("SELECT action FROM audit_logs WHERE entity_type = 'bid' AND entity_id = ? ORDER BY occurred_at")
                .param(bid.toString())
                .query(String.class)
                .list();
    }
}
