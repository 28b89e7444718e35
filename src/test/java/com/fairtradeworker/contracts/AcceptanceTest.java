package com.fairtradeworker.contracts;

import static com.fairtradeworker.support.MarketplaceFixtures.bidJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.bidding.BiddingEvents.BidAccepted;
import com.fairtradeworker.bidding.BiddingEvents.BidRejected;
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
import com.fairtradeworker.timers.DueTimers;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Accepting one bid: the contract's snapshot, the job awarded, the other bids rejected, the funding clock started. */
@IntegrationTest
class AcceptanceTest {

    static final String XSS = "<img src=x onerror=alert('XSS')>";

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Autowired
    DatabaseRoles db;

    @Autowired
    MutableClock clock;

    @Autowired
    DueTimers timers;

    @Autowired
    MarketplaceEventLog events;

    MarketplaceFixtures market;
    SignedIn homeowner;

    @BeforeEach
    void fixtures() {
        market = new MarketplaceFixtures(api, accounts, db, clock);
        homeowner = market.homeowner();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void acceptingABidMakesOneContractFromItsTermsAndRejectsTheOthers() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        clock.pinAt(now);
        UUID job = market.publishedJobViaApi(homeowner);
        SignedIn winner = market.contractor();
        UUID winning = UUID.fromString(market.placeBid(winner, job, """
                        {"amount": {"amountMinor": 250001, "currency": "USD"}, "proposal": "%s",
                         "estimatedDurationDays": 4}
                        """.formatted(XSS.replace("'", "\\u0027")))
                .json()
                .get("id")
                .asString());
        UUID other = market.bid(market.contractor(), job, 200_000);
        SignedIn quitter = market.contractor();
        UUID withdrawn = market.bid(quitter, job, 150_000);
        api.post("/api/bids/" + withdrawn + "/withdraw")
                .bearer(quitter.accessToken())
                .send();

        Response accepted = market.accept(homeowner, winning);

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
        JsonNode contract = accepted.json();
        UUID contractId = UUID.fromString(contract.get("id").asString());
        assertThat(accepted.header("Location")).isEqualTo("/api/contracts/" + contractId);
        assertThat(contract.get("status").asString()).isEqualTo("PENDING_FUNDING");
        assertThat(contract.get("jobId").asString()).isEqualTo(job.toString());
        assertThat(contract.get("bidId").asString()).isEqualTo(winning.toString());
        assertThat(contract.get("homeownerId").asString())
                .isEqualTo(homeowner.userId().toString());
        assertThat(contract.get("contractorId").asString())
                .isEqualTo(winner.userId().toString());
        assertThat(contract.get("jobTitle").asString()).isEqualTo("Fix the leaking kitchen sink");
        assertThat(contract.get("scopeText").asString()).isEqualTo(XSS);
        assertThat(contract.get("amount").get("amountMinor").asLong()).isEqualTo(250_001);
        assertThat(contract.get("feeRateBps").asInt()).isEqualTo(500);
        assertThat(contract.get("platformFee").get("amountMinor").asLong()).isEqualTo(12_500);
        assertThat(contract.get("contractorReceives").get("amountMinor").asLong())
                .isEqualTo(237_501);
        assertThat(contract.get("estimatedDurationDays").asInt()).isEqualTo(4);
        assertThat(Instant.parse(contract.get("fundingDeadline").asString())).isEqualTo(now.plus(Duration.ofDays(7)));
        assertThat(contract.has("transferGroup")).isFalse();

        assertThat(market.jobStatus(job)).isEqualTo("AWARDED");
        assertThat(market.bidStatus(winning)).isEqualTo("ACCEPTED");
        assertThat(market.bidStatus(other)).isEqualTo("REJECTED");
        assertThat(market.bidStatus(withdrawn)).isEqualTo("WITHDRAWN");
        assertThat(db.app()
                        .sql("SELECT transfer_group FROM bid_contracts WHERE id = ?")
                        .param(contractId)
                        .query(String.class)
                        .single())
                .isEqualTo("contract_" + contractId);
        assertThat(timers.find("JOB_ACCEPTANCE_WINDOW_ENDS", job))
                .as("the expiry clock stopped")
                .isEmpty();
        assertThat(timers.find(Acceptance.FUNDING_WINDOW_ENDS, contractId)).isPresent();
        assertThat(auditActions(contractId.toString(), winning.toString(), other.toString(), job.toString()))
                .contains("CONTRACT_CREATED", "BID_ACCEPTED", "BID_REJECTED", "JOB_AWARDED");
        assertThat(events.about(ContractCreated.class, contractId))
                .containsExactly(new ContractCreated(contractId, job, winning, homeowner.userId(), winner.userId()));
        assertThat(events.about(BidAccepted.class, winning)).hasSize(1);
        assertThat(events.about(BidRejected.class, other)).hasSize(1);
        assertThat(events.about(BidRejected.class, withdrawn)).isEmpty();
    }

    @Test
    void theContractKeepsTheFeeRateStampedOnTheBidAndItsLatestTerms() {
        UUID job = market.openJob(homeowner);
        SignedIn contractor = market.contractor();
        UUID bid = market.bid(contractor, job, 100_000);
        // A bid placed while an earlier rate was in force keeps that rate, through revisions and into the contract.
        db.owner()
                .sql("UPDATE bids SET fee_rate_bps = 300 WHERE id = ?")
                .param(bid)
                .update();
        api.put("/api/bids/" + bid)
                .bearer(contractor.accessToken())
                .json(bidJson(80_000, "Revised scope."))
                .send();

        JsonNode contract = market.accept(homeowner, bid).json();

        assertThat(contract.get("feeRateBps").asInt()).isEqualTo(300);
        assertThat(contract.get("amount").get("amountMinor").asLong()).isEqualTo(80_000);
        assertThat(contract.get("platformFee").get("amountMinor").asLong()).isEqualTo(2_400);
        assertThat(contract.get("scopeText").asString()).isEqualTo("Revised scope.");
        assertThat(db.app()
                        .sql("SELECT fee_rate_bps FROM bid_revisions WHERE bid_id = ? AND revision = 2")
                        .param(bid)
                        .query(Integer.class)
                        .single())
                .isEqualTo(300);
    }

    @Test
    void onlyASubmittedBidOnAnOpenJobCanBeAccepted() {
        UUID job = market.openJob(homeowner);
        SignedIn quitter = market.contractor();
        UUID withdrawn = market.bid(quitter, job, 100_000);
        api.post("/api/bids/" + withdrawn + "/withdraw")
                .bearer(quitter.accessToken())
                .send();
        UUID first = market.bid(market.contractor(), job, 110_000);
        UUID second = market.bid(market.contractor(), job, 120_000);

        Response ofWithdrawn = market.accept(homeowner, withdrawn);
        market.contract(homeowner, first);
        Response ofRejected = market.accept(homeowner, second);
        Response retry = market.accept(homeowner, first);

        assertThat(ofWithdrawn.status()).isEqualTo(409);
        assertThat(ofWithdrawn.json().get("status").asString()).isEqualTo("WITHDRAWN");
        for (Response late : List.of(ofRejected, retry)) {
            assertThat(late.status()).isEqualTo(409);
            assertThat(late.json().get("type").asString()).endsWith("/state-conflict");
            assertThat(late.json().get("status").asString())
                    .as("the job's state")
                    .isEqualTo("AWARDED");
        }
        assertThat(contractsOf(job)).isEqualTo(1);
    }

    @Test
    void aCancelledJobsBidsCannotBeAccepted() {
        UUID job = market.publishedJobViaApi(homeowner);
        UUID bid = market.bid(market.contractor(), job, 100_000);
        api.post("/api/jobs/" + job + "/cancel").bearer(homeowner.accessToken()).send();

        Response refused = market.accept(homeowner, bid);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(contractsOf(job)).isZero();
    }

    @Test
    void acceptanceRequestsCarryNoBodyThatCouldSetTerms() {
        UUID job = market.openJob(homeowner);
        UUID bid = market.bid(market.contractor(), job, 100_000);

        Response accepted = api.post("/api/bids/" + bid + "/accept")
                .bearer(homeowner.accessToken())
                .json("{\"amount\": {\"amountMinor\": 1, \"currency\": \"USD\"}, \"feeRateBps\": 0,"
                        + " \"status\": \"FUNDED\", \"contractorId\": \"" + homeowner.userId() + "\"}")
                .send();

        assertThat(accepted.status()).isEqualTo(201);
        Map<String, Object> stored = db.app()
                .sql("SELECT amount_minor, fee_rate_bps, status, contractor_id FROM bid_contracts WHERE job_id = ?")
                .param(job)
                .query()
                .singleRow();
        assertThat(stored.get("amount_minor")).isEqualTo(100_000L);
        assertThat(stored.get("fee_rate_bps")).isEqualTo(500);
        assertThat(stored.get("status")).isEqualTo("PENDING_FUNDING");
        assertThat(stored.get("contractor_id")).isNotEqualTo(homeowner.userId());
    }

    private long contractsOf(UUID job) {
        return db.app()
                .sql("SELECT count(*) FROM bid_contracts WHERE job_id = ?")
                .param(job)
                .query(Long.class)
                .single();
    }

    private List<String> auditActions(String... entityIds) {
        return db.app()
                .sql("SELECT action FROM audit_logs WHERE entity_id IN (:ids)")
                .param("ids", List.of(entityIds))
                .query(String.class)
                .list();
    }
}
