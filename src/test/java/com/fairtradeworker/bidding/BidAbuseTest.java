package com.fairtradeworker.bidding;

import static com.fairtradeworker.support.MarketplaceFixtures.bidJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.ApiClient.Response;
import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.MarketplaceFixtures;
import com.fairtradeworker.support.MutableClock;
import com.fairtradeworker.support.TestAccounts;
import com.fairtradeworker.support.TestAccounts.SignedIn;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The daily cap, mass assignment, SQL injection and stored XSS attempts against the bid routes. */
@IntegrationTest
class BidAbuseTest {

    static final List<String> INJECTIONS =
            List.of("' OR '1'='1", "admin'; DROP TABLE users; --", "' UNION SELECT * FROM users; --");
    static final String XSS = "<img src=x onerror=alert('XSS')>";

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Autowired
    DatabaseRoles db;

    @Autowired
    MutableClock clock;

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
    void aContractorPlacesAtMostFiftyBidsInAny24Hours() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.pinAt(now);
        for (int i = 0; i < 49; i++) {
            insertBid(market.openJob(homeowner), now.minus(Duration.ofHours(23)));
        }
        assertThat(market.placeBid(contractor, market.openJob(homeowner), bidJson(1_000, "Fiftieth."))
                        .status())
                .isEqualTo(201);
        UUID oneTooMany = market.openJob(homeowner);

        Response refused = market.placeBid(contractor, oneTooMany, bidJson(1_000, "Fifty-first."));

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("type").asString()).endsWith("/rate-limited");
        assertThat(refused.json().get("detail").asString()).contains("50 bids in 24 hours");
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).isEqualTo(3_601L); // the oldest bid (23 hours old) leaves the window just after an hour
        assertThat(market.placeBid(market.contractor(), oneTooMany, bidJson(1_000, "Someone else."))
                        .status())
                .as("the cap is per contractor")
                .isEqualTo(201);
        clock.advance(Duration.ofSeconds(retryAfter - 1));
        contractor = accounts.login(contractor.email(), TestAccounts.PASSWORD); // the old token expired meanwhile
        assertThat(market.placeBid(contractor, oneTooMany, bidJson(1_000, "Fifty-first."))
                        .status())
                .as("a second before Retry-After")
                .isEqualTo(429);
        clock.advance(Duration.ofSeconds(1));
        assertThat(market.placeBid(contractor, oneTooMany, bidJson(1_000, "Fifty-first."))
                        .status())
                .as("the oldest bid left the 24-hour window")
                .isEqualTo(201);
    }

    @Test
    void requestsCannotSetStatusFeeRateOwnerOrJob() {
        UUID job = market.openJob(homeowner);
        UUID otherJob = market.openJob(homeowner);
        SignedIn other = market.contractor();
        String terms = "\"amount\": {\"amountMinor\": 1000, \"currency\": \"USD\"}, \"proposal\": \"Hi\","
                + " \"estimatedDurationDays\": 1";
        List<String> smuggled = List.of(
                "\"status\": \"ACCEPTED\"",
                "\"feeRateBps\": 0",
                "\"contractorId\": \"" + other.userId() + "\"",
                "\"jobId\": \"" + otherJob + "\"",
                "\"revision\": 7",
                "\"platformFee\": {\"amountMinor\": 0, \"currency\": \"USD\"}",
                "\"submittedAt\": \"2000-01-01T00:00:00Z\"");

        for (String field : smuggled) {
            Response placed = market.placeBid(contractor, job, "{" + terms + ", " + field + "}");
            assertThat(placed.status()).as(field).isEqualTo(400);
            assertThat(placed.json().get("detail").asString()).as(field).startsWith("Unknown field");
        }
        UUID bid = market.bid(contractor, job, 1_000);
        for (String field : smuggled) {
            Response revised = api.put("/api/bids/" + bid)
                    .bearer(contractor.accessToken())
                    .json("{" + terms + ", " + field + "}")
                    .send();
            assertThat(revised.status()).as(field).isEqualTo(400);
        }
        var stored = db.app()
                .sql("SELECT status, fee_rate_bps, contractor_id, job_id, revision FROM bids WHERE id = ?")
                .param(bid)
                .query()
                .singleRow();
        assertThat(stored.get("status")).isEqualTo("SUBMITTED");
        assertThat(stored.get("fee_rate_bps")).isEqualTo(500);
        assertThat(stored.get("contractor_id")).isEqualTo(contractor.userId());
        assertThat(stored.get("job_id")).isEqualTo(job);
        assertThat(stored.get("revision")).isEqualTo(1);
        assertThat(db.app()
                        .sql("SELECT count(*) FROM bids WHERE job_id = ?")
                        .param(otherJob)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void injectionPayloadsAreStoredAsTextAndChangeNothing() {
        long users = count("users");
        for (String payload : INJECTIONS) {
            UUID job = market.openJob(homeowner);
            SignedIn bidder = market.contractor();
            Response placed = market.placeBid(bidder, job, bidJson(1_000, payload));
            assertThat(placed.status()).as(payload).isEqualTo(201);
            assertThat(placed.json().get("proposal").asString()).isEqualTo(payload);
            UUID bid = UUID.fromString(placed.json().get("id").asString());
            Response revised = api.put("/api/bids/" + bid)
                    .bearer(bidder.accessToken())
                    .json(bidJson(2_000, payload + payload))
                    .send();
            assertThat(revised.json().get("proposal").asString()).isEqualTo(payload + payload);

            Response asCurrency = market.placeBid(market.contractor(), job, """
                    {"amount": {"amountMinor": 1, "currency": %s}, "proposal": "x", "estimatedDurationDays": 1}
                    """.formatted(
                    tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(payload)));
            assertThat(asCurrency.status()).isEqualTo(400);
            String encoded = URLEncoder.encode(payload, StandardCharsets.UTF_8);
            for (String path : List.of(
                    "/api/bids/" + encoded,
                    "/api/bids/" + encoded + "/revisions",
                    "/api/jobs/" + encoded + "/bids",
                    "/api/me/bids?cursor=" + encoded,
                    "/api/jobs/" + job + "/bids?cursor=" + encoded)) {
                Response probe = api.get(path).bearer(homeowner.accessToken()).send();
                assertThat(probe.status()).as(path).isIn(400, 404);
                assertThat(probe.body())
                        .as(path)
                        .doesNotContainIgnoringCase("sql")
                        .doesNotContain("Exception");
            }
            assertThat(db.app()
                            .sql("SELECT count(*) FROM bids WHERE job_id = ?")
                            .param(job)
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        }
        assertThat(count("users")).isGreaterThanOrEqualTo(users);
        assertThat(count("bids")).isPositive();
    }

    @Test
    void storedMarkupComesBackAsThePlainJsonString() {
        UUID job = market.openJob(homeowner);
        Response placed = market.placeBid(contractor, job, bidJson(1_000, XSS));
        UUID bid = UUID.fromString(placed.json().get("id").asString());

        for (SignedIn reader : List.of(contractor, homeowner)) {
            Response read =
                    api.get("/api/bids/" + bid).bearer(reader.accessToken()).send();
            assertThat(read.header("Content-Type")).startsWith("application/json");
            assertThat(read.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(read.json().get("proposal").asString()).isEqualTo(XSS);
            Response history = api.get("/api/bids/" + bid + "/revisions")
                    .bearer(reader.accessToken())
                    .send();
            assertThat(history.json().get("items").get(0).get("proposal").asString())
                    .isEqualTo(XSS);
        }
        assertThat(db.app()
                        .sql("SELECT proposal FROM bids WHERE id = ?")
                        .param(bid)
                        .query(String.class)
                        .single())
                .isEqualTo(XSS);
    }

    private void insertBid(UUID job, Instant at) {
        db.owner()
                .sql("""
                        INSERT INTO bids (job_id, contractor_id, amount_minor, currency, proposal,
                                          estimated_duration_days, fee_rate_bps, submitted_at, created_at, updated_at)
                        VALUES (?, ?, 1000, 'USD', 'Earlier bid.', 1, 500, ?, ?, ?)
                        """)
                .params(job, contractor.userId(), Timestamp.from(at), Timestamp.from(at), Timestamp.from(at))
                .update();
    }

    private long count(String table) {
        return db.owner().sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }
}
