package com.fairtradeworker.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.support.TestAccounts.SignedIn;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Homeowners, contractors ready to bid, open jobs and bids for the bidding and contract tests. Contractors complete
 * their profile through the profiles API. Jobs are written with SQL as the schema owner, already OPEN, so these tests
 * do not depend on the job routes' own rules; bids always go through HTTP.
 */
public final class MarketplaceFixtures {

    private static final Pattern UUIDS =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern INSTANTS = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z");

    private final ApiClient api;
    private final TestAccounts accounts;
    private final DatabaseRoles db;
    private final Clock clock;

    public MarketplaceFixtures(ApiClient api, TestAccounts accounts, DatabaseRoles db, Clock clock) {
        this.api = api;
        this.accounts = accounts;
        this.db = db;
        this.clock = clock;
    }

    public SignedIn homeowner() {
        return accounts.verifiedUser("HOMEOWNER");
    }

    /** A verified contractor whose profile is complete enough to bid. */
    public SignedIn contractor() {
        SignedIn contractor = accounts.verifiedUser("CONTRACTOR");
        completeProfile(contractor);
        return contractor;
    }

    public void completeProfile(SignedIn contractor) {
        LocalDate nextYear =
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusYears(1);
        ApiClient.Response response = api.put("/api/me/contractor-profile")
                .bearer(contractor.accessToken())
                .json("""
                        {"businessName": "Reliable Repairs",
                         "trades": ["plumbing", "electrical"],
                         "serviceArea": {"latitude": 40.7128, "longitude": -74.006, "radiusKm": 50},
                         "licence": {"number": "LIC-12345", "region": "NY", "expiresOn": "%s"},
                         "insurance": {"provider": "Acme Mutual", "expiresOn": "%s"},
                         "bio": "Twenty years of pipes.", "yearsExperience": 20}
                        """.formatted(nextYear, nextYear))
                .send();
        assertThat(response.status()).as("profile: %s", response.body()).isEqualTo(200);
        assertThat(response.json().get("complete").asBoolean())
                .as(response.body())
                .isTrue();
    }

    /** An OPEN job of the homeowner, bidding for another week. */
    public UUID openJob(SignedIn homeowner) {
        Instant now = clock.instant();
        return openJob(homeowner, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(7)));
    }

    public UUID openJob(SignedIn homeowner, Instant publishedAt, Instant biddingDeadline) {
        return insertJob(homeowner.userId(), "OPEN", publishedAt, biddingDeadline, "Replace the water heater");
    }

    /** A job drafted and published through the job routes, as a homeowner would; bidding for another week. */
    public UUID publishedJobViaApi(SignedIn homeowner) {
        Instant deadline = clock.instant().plus(Duration.ofDays(7));
        ApiClient.Response created = api.post("/api/jobs")
                .bearer(homeowner.accessToken())
                .json("""
                        {"title": "Fix the leaking kitchen sink", "description": "Drips all night; parts included.",
                         "trade": "plumbing.fixtures", "latitude": 40.7128, "longitude": -74.006,
                         "addressText": "1 Main Street, Springfield", "postcode": "10001",
                         "budgetMin": {"amountMinor": 10000, "currency": "USD"}, "biddingDeadline": "%s"}
                        """.formatted(deadline))
                .send();
        assertThat(created.status()).as("job: %s", created.body()).isEqualTo(201);
        UUID jobId = UUID.fromString(created.json().get("id").asString());
        ApiClient.Response published = api.post("/api/jobs/" + jobId + "/publish")
                .bearer(homeowner.accessToken())
                .send();
        assertThat(published.status()).as("publish: %s", published.body()).isEqualTo(200);
        return jobId;
    }

    public UUID jobInState(SignedIn homeowner, String status) {
        Instant now = clock.instant();
        boolean draft = status.equals("DRAFT");
        return insertJob(
                homeowner.userId(),
                status,
                draft ? null : now.minus(Duration.ofHours(1)),
                draft ? null : now.plus(Duration.ofDays(7)),
                "A job that is " + status);
    }

    private UUID insertJob(UUID homeownerId, String status, Instant publishedAt, Instant deadline, String title) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        boolean awarded = status.equals("AWARDED") || status.equals("IN_PROGRESS") || status.equals("COMPLETED");
        boolean closed = status.equals("COMPLETED") || status.equals("CANCELLED") || status.equals("EXPIRED");
        db.owner()
                .sql("""
                        INSERT INTO jobs (id, homeowner_id, title, description, trade, latitude, longitude,
                                          address_text, postcode, currency, bidding_deadline, status, published_at,
                                          awarded_at, closed_at, created_at, updated_at)
                        VALUES (:id, :homeowner, :title, 'The old one leaks; 50 gallon, gas.', 'plumbing.water_heaters',
                                40.7128, -74.006, '1 Main Street, Springfield', '10001', 'USD', :deadline, :status,
                                :publishedAt, :awardedAt, :closedAt, :now, :now)
                        """)
                .param("id", id)
                .param("homeowner", homeownerId)
                .param("title", title)
                .param("deadline", timestamp(deadline))
                .param("status", status)
                .param("publishedAt", timestamp(publishedAt))
                .param("awardedAt", awarded ? timestamp(now) : null)
                .param("closedAt", closed ? timestamp(now) : null)
                .param("now", timestamp(now))
                .update();
        return id;
    }

    public static String bidJson(long amountMinor, String proposal) {
        return """
                {"amount": {"amountMinor": %d, "currency": "USD"}, "proposal": %s, "estimatedDurationDays": 3}
                """.formatted(amountMinor, quoted(proposal));
    }

    public ApiClient.Response placeBid(SignedIn contractor, UUID jobId, String json) {
        return api.post("/api/jobs/" + jobId + "/bids")
                .bearer(contractor.accessToken())
                .json(json)
                .send();
    }

    /** Places a bid that must succeed and returns its id. */
    public UUID bid(SignedIn contractor, UUID jobId, long amountMinor) {
        ApiClient.Response response = placeBid(contractor, jobId, bidJson(amountMinor, "I can do it this week."));
        assertThat(response.status()).as("bid: %s", response.body()).isEqualTo(201);
        return UUID.fromString(response.json().get("id").asString());
    }

    public ApiClient.Response accept(SignedIn homeowner, UUID bidId) {
        return api.post("/api/bids/" + bidId + "/accept")
                .bearer(homeowner.accessToken())
                .send();
    }

    /** Accepts a bid that must be acceptable and returns the contract id. */
    public UUID contract(SignedIn homeowner, UUID bidId) {
        ApiClient.Response response = accept(homeowner, bidId);
        assertThat(response.status()).as("accept: %s", response.body()).isEqualTo(201);
        return UUID.fromString(response.json().get("id").asString());
    }

    public String bidStatus(UUID bidId) {
        return db.owner()
                .sql("SELECT status FROM bids WHERE id = ?")
                .param(bidId)
                .query(String.class)
                .single();
    }

    public String jobStatus(UUID jobId) {
        return db.owner()
                .sql("SELECT status FROM jobs WHERE id = ?")
                .param(jobId)
                .query(String.class)
                .single();
    }

    /**
     * The response with everything that differs between two otherwise equal requests made neutral: ids, times, the
     * request id. What remains is what a client could compare.
     */
    public static String comparable(ApiClient.Response response) {
        String body = response.body();
        if (body.startsWith("{")) {
            JsonNode json = response.json();
            if (json instanceof tools.jackson.databind.node.ObjectNode object) {
                object.remove("requestId");
                body = object.toString();
            }
        }
        body = UUIDS.matcher(body).replaceAll("<id>");
        body = INSTANTS.matcher(body).replaceAll("<time>");
        return response.status() + " " + response.header("Content-Type") + " " + body;
    }

    private static String quoted(String text) {
        return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(text);
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
