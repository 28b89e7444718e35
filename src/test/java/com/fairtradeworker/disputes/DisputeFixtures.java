package com.fairtradeworker.disputes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.ApiClient.Response;
import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.TestAccounts;
import com.fairtradeworker.support.TestAccounts.SignedIn;
import java.util.UUID;

/** Dispute requests through HTTP, as the parties and admins make them, and a few reads of the rows behind them. */
final class DisputeFixtures {

    private final ApiClient api;
    private final TestAccounts accounts;
    private final DatabaseRoles db;

    DisputeFixtures(ApiClient api, TestAccounts accounts, DatabaseRoles db) {
        this.api = api;
        this.accounts = accounts;
        this.db = db;
    }

    static String openJson(String outcome, Long splitMinor) {
        String split = splitMinor == null
                ? ""
                : ", \"desiredSplit\": {\"amountMinor\": %d, \"currency\": \"USD\"}".formatted(splitMinor);
        return """
                {"reason": "POOR_QUALITY", "desiredOutcome": "%s"%s,
                 "statement": "The tiles are cracked and the grout is missing in places."}
                """.formatted(outcome, split);
    }

    static String resolutionJson(String outcome, Long splitMinor, String reason) {
        String split = splitMinor == null
                ? ""
                : ", \"splitToContractor\": {\"amountMinor\": %d, \"currency\": \"USD\"}".formatted(splitMinor);
        return """
                {"outcome": "%s"%s, "reason": "%s"}
                """.formatted(outcome, split, reason);
    }

    Response open(SignedIn party, UUID contract, String json) {
        return api.post("/api/contracts/" + contract + "/disputes")
                .bearer(party.accessToken())
                .json(json)
                .send();
    }

    /** Opens a dispute that must open and returns its id. */
    UUID opened(SignedIn party, UUID contract, String outcome, Long splitMinor) {
        Response response = open(party, contract, openJson(outcome, splitMinor));
        assertThat(response.status()).as("open: %s", response.body()).isEqualTo(201);
        return UUID.fromString(response.json().get("id").asString());
    }

    Response respond(SignedIn party, UUID dispute, String statement) {
        return api.post("/api/disputes/" + dispute + "/response")
                .bearer(party.accessToken())
                .json("{\"statement\": \"" + statement + "\"}")
                .send();
    }

    /** The other party responds, which must succeed. */
    void responded(SignedIn party, UUID dispute) {
        Response response = respond(party, dispute, "The tiles were cracked before I started.");
        assertThat(response.status()).as("respond: %s", response.body()).isEqualTo(200);
    }

    Response statement(SignedIn party, UUID dispute, String statement) {
        return api.post("/api/disputes/" + dispute + "/statements")
                .bearer(party.accessToken())
                .json("{\"statement\": \"" + statement + "\"}")
                .send();
    }

    Response withdraw(SignedIn party, UUID dispute) {
        return api.post("/api/disputes/" + dispute + "/withdraw")
                .bearer(party.accessToken())
                .send();
    }

    Response read(SignedIn user, UUID dispute) {
        return api.get("/api/disputes/" + dispute).bearer(user.accessToken()).send();
    }

    Response ofContract(SignedIn user, UUID contract) {
        return api.get("/api/contracts/" + contract + "/disputes")
                .bearer(user.accessToken())
                .send();
    }

    Response resolve(SignedIn admin, UUID dispute, String key, String json) {
        ApiClient.Request request = api.post("/api/admin/disputes/" + dispute + "/resolution")
                .bearer(admin.accessToken())
                .json(json);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.send();
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

    String disputeStatus(UUID dispute) {
        return db.owner()
                .sql("SELECT status FROM disputes WHERE id = ?")
                .param(dispute)
                .query(String.class)
                .single();
    }

    boolean frozen(UUID contract) {
        return db.owner()
                .sql("SELECT frozen FROM escrow_accounts WHERE contract_id = ?")
                .param(contract)
                .query(Boolean.class)
                .single();
    }

    String escrowStatus(UUID contract) {
        return db.owner()
                .sql("SELECT status FROM escrow_accounts WHERE contract_id = ?")
                .param(contract)
                .query(String.class)
                .single();
    }

    /** The status of the subject's timer of this kind that is still live or fired (null: none). */
    String timerStatus(String kind, UUID subject) {
        return db.owner()
                .sql("""
                        SELECT status FROM due_timers WHERE kind = ? AND subject_id = ?
                         ORDER BY created_at DESC, updated_at DESC LIMIT 1
                        """)
                .params(kind, subject)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    long audits(String action, UUID entity) {
        return db.owner()
                .sql("SELECT count(*) FROM audit_logs WHERE action = ? AND entity_id = ?")
                .params(action, entity.toString())
                .query(Long.class)
                .single();
    }
}
