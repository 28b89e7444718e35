package com.fairtradeworker.reviews;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.ApiClient.Response;
import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.EscrowFixtures;
import com.fairtradeworker.support.EscrowFixtures.Funded;
import com.fairtradeworker.support.MarketplaceFixtures;
import com.fairtradeworker.support.TestAccounts;
import com.fairtradeworker.support.TestAccounts.SignedIn;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * Contracts ended through the real routes (approval, mutual cancellation, a dispute's resolution), the review routes
 * as clients call them, and a few reads of the rows behind them.
 */
final class ReviewFixtures {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ApiClient api;
    private final TestAccounts accounts;
    private final DatabaseRoles db;
    private final MarketplaceFixtures market;
    private final EscrowFixtures escrow;

    ReviewFixtures(ApiClient api, TestAccounts accounts, DatabaseRoles db, MarketplaceFixtures market) {
        this.api = api;
        this.accounts = accounts;
        this.db = db;
        this.market = market;
        this.escrow = new EscrowFixtures(api, market);
    }

    MarketplaceFixtures market() {
        return market;
    }

    /** A funded contract whose completion the homeowner approved: RELEASED. */
    Funded released(long amountMinor) {
        return released(escrow.fundedContract(amountMinor));
    }

    /** A contract of this contractor (with a new homeowner), funded and approved: RELEASED. */
    Funded releasedFor(SignedIn contractor, long amountMinor) {
        SignedIn homeowner = market.homeowner();
        UUID job = market.openJob(homeowner);
        UUID contract = market.contract(homeowner, market.bid(contractor, job, amountMinor));
        Response funded = escrow.fund(homeowner, contract, UUID.randomUUID().toString());
        assertThat(funded.status()).as("fund: %s", funded.body()).isEqualTo(200);
        return released(new Funded(homeowner, contractor, job, contract));
    }

    private Funded released(Funded funded) {
        Response submitted = api.post("/api/contracts/" + funded.contract() + "/completion")
                .bearer(funded.contractor().accessToken())
                .json("{\"summary\": \"Heater replaced and tested.\"}")
                .send();
        assertThat(submitted.status()).as("completion: %s", submitted.body()).isEqualTo(201);
        Response approved = api.post("/api/contracts/" + funded.contract() + "/completion/approve")
                .bearer(funded.homeowner().accessToken())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .send();
        assertThat(approved.status()).as("approve: %s", approved.body()).isEqualTo(200);
        assertThat(contractStatus(funded.contract())).isEqualTo("RELEASED");
        return funded;
    }

    /** A funded contract both parties agreed to cancel: REFUNDED without a dispute. */
    Funded mutuallyCancelled(long amountMinor) {
        Funded funded = escrow.fundedContract(amountMinor);
        Response proposed = api.post("/api/contracts/" + funded.contract() + "/cancellation-proposal")
                .bearer(funded.homeowner().accessToken())
                .send();
        assertThat(proposed.status()).as("propose: %s", proposed.body()).isEqualTo(200);
        Response accepted = api.post("/api/contracts/" + funded.contract() + "/cancellation-proposal/accept")
                .bearer(funded.contractor().accessToken())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .send();
        assertThat(accepted.status()).as("accept: %s", accepted.body()).isEqualTo(200);
        assertThat(contractStatus(funded.contract())).isEqualTo("REFUNDED");
        return funded;
    }

    /** A funded contract the homeowner disputed and an admin decided with a full refund: REFUNDED by a dispute. */
    Funded refundedByDispute(long amountMinor) {
        Funded funded = escrow.fundedContract(amountMinor);
        Response opened = api.post("/api/contracts/" + funded.contract() + "/disputes")
                .bearer(funded.homeowner().accessToken())
                .json("""
                        {"reason": "WORK_NOT_DONE", "desiredOutcome": "REFUND",
                         "statement": "Nobody came to do the work."}
                        """)
                .send();
        assertThat(opened.status()).as("dispute: %s", opened.body()).isEqualTo(201);
        String dispute = opened.json().get("id").asString();
        Response responded = api.post("/api/disputes/" + dispute + "/response")
                .bearer(funded.contractor().accessToken())
                .json("{\"statement\": \"I was ill that week.\"}")
                .send();
        assertThat(responded.status()).as("response: %s", responded.body()).isEqualTo(200);
        Response resolved = api.post("/api/admin/disputes/" + dispute + "/resolution")
                .bearer(accounts.admin().accessToken())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .json("{\"outcome\": \"REFUND\", \"reason\": \"The work was not done.\"}")
                .send();
        assertThat(resolved.status()).as("resolution: %s", resolved.body()).isEqualTo(200);
        assertThat(contractStatus(funded.contract())).isEqualTo("REFUNDED");
        return funded;
    }

    Response submit(SignedIn party, UUID contract, Object rating, String text) {
        return submitJson(party, contract, JSON.writeValueAsString(Map.of("rating", rating, "text", text)));
    }

    Response submitJson(SignedIn party, UUID contract, String json) {
        return api.post("/api/contracts/" + contract + "/review")
                .bearer(party.accessToken())
                .json(json)
                .send();
    }

    /** Submits a review that must be taken; returns its id. */
    UUID reviewed(SignedIn party, UUID contract, int rating, String text) {
        Response response = submit(party, contract, rating, text);
        assertThat(response.status()).as("review: %s", response.body()).isEqualTo(201);
        return UUID.fromString(response.json().get("id").asString());
    }

    Response ofContract(SignedIn user, UUID contract) {
        return api.get("/api/contracts/" + contract + "/reviews")
                .bearer(user.accessToken())
                .send();
    }

    Response ofUser(UUID user, String query) {
        return api.get("/api/users/" + user + "/reviews" + (query == null ? "" : "?" + query))
                .send();
    }

    Response reply(SignedIn user, UUID review, String text) {
        return api.post("/api/reviews/" + review + "/reply")
                .bearer(user.accessToken())
                .json(JSON.writeValueAsString(Map.of("text", text)))
                .send();
    }

    Response hide(SignedIn user, UUID review, String reason) {
        return api.post("/api/admin/reviews/" + review + "/hide")
                .bearer(user.accessToken())
                .json(JSON.writeValueAsString(Map.of("reason", reason)))
                .send();
    }

    /** The public contractor profile's rating figures: "count average". */
    String profileRating(UUID contractor) {
        Response profile = api.get("/api/contractors/" + contractor).send();
        assertThat(profile.status()).as(profile.body()).isEqualTo(200);
        var rating = profile.json().get("rating");
        return rating.get("reviewCount").asInt() + " " + rating.get("averageRating");
    }

    /** A fresh access token (the old one expired when the clock moved on by days). */
    SignedIn again(SignedIn user) {
        return accounts.login(user.email(), TestAccounts.PASSWORD);
    }

    String contractStatus(UUID contract) {
        return db.owner()
                .sql("SELECT status FROM bid_contracts WHERE id = ?")
                .param(contract)
                .query(String.class)
                .single();
    }

    String reviewStatus(UUID review) {
        return db.owner()
                .sql("SELECT status FROM reviews WHERE id = ?")
                .param(review)
                .query(String.class)
                .single();
    }

    long windows(UUID contract) {
        return db.owner()
                .sql("SELECT count(*) FROM review_windows WHERE contract_id = ?")
                .param(contract)
                .query(Long.class)
                .single();
    }

    /** The contract's rating timers: "STATUS" each. */
    java.util.List<String> ratingTimers(UUID contract) {
        return db.owner()
                .sql("SELECT status FROM due_timers WHERE subject_id = ? AND kind = ? ORDER BY created_at")
                .params(contract, Reviews.RATING_WINDOW_CLOSES)
                .query(String.class)
                .list();
    }

    long audits(String action, Object entity) {
        return db.owner()
                .sql("SELECT count(*) FROM audit_logs WHERE action = ? AND entity_id = ?")
                .params(action, entity.toString())
                .query(Long.class)
                .single();
    }

    /** rating_count and rating_total on the user's profile row: "count total" ("none" without a row). */
    String figures(String table, UUID user) {
        return db.owner()
                .sql("SELECT rating_count || ' ' || rating_total FROM " + table + " WHERE user_id = ?")
                .param(user)
                .query(String.class)
                .optional()
                .orElse("none");
    }
}
