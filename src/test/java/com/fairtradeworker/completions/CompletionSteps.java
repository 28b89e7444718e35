package com.fairtradeworker.completions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.completions.Samples.Upload;
import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.ApiClient.Response;
import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.TestAccounts.SignedIn;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/** The completion routes as a client calls them, and what the database says afterwards. */
final class CompletionSteps {

    private static final String BOUNDARY = "completion-test-boundary-7f3a";

    private final ApiClient api;
    private final DatabaseRoles db;

    CompletionSteps(ApiClient api, DatabaseRoles db) {
        this.api = api;
        this.db = db;
    }

    /** Multipart: the {@code completion} JSON part and one {@code files} part per upload. */
    Response submit(SignedIn contractor, UUID contract, String summary, List<Upload> files) {
        return submitRaw(contractor, contract, "{\"summary\": %s}".formatted(quoted(summary)), files);
    }

    Response submitRaw(SignedIn user, UUID contract, String json, List<Upload> files) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        write(
                body,
                "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"completion\"\r\n"
                        + "Content-Type: application/json\r\n\r\n" + json + "\r\n");
        for (Upload file : files) {
            write(
                    body,
                    "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + file.name()
                            + "\"\r\nContent-Type: " + file.declaredType() + "\r\n\r\n");
            body.writeBytes(file.bytes());
            write(body, "\r\n");
        }
        write(body, "--" + BOUNDARY + "--\r\n");
        return api.post("/api/contracts/" + contract + "/completion")
                .bearer(user.accessToken())
                .chunkedBody("multipart/form-data; boundary=" + BOUNDARY, body.toByteArray())
                .send();
    }

    Response submitJson(SignedIn user, UUID contract, String json) {
        return api.post("/api/contracts/" + contract + "/completion")
                .bearer(user.accessToken())
                .json(json)
                .send();
    }

    /** Submits with one PNG and expects 201; returns the completion's id. */
    UUID submitted(SignedIn contractor, UUID contract) {
        Response response =
                submit(contractor, contract, "Heater replaced and tested.", List.of(Samples.png("after.png")));
        assertThat(response.status()).as("submit: %s", response.body()).isEqualTo(201);
        return UUID.fromString(response.json().get("id").asString());
    }

    Response approve(SignedIn user, UUID contract, String idempotencyKey) {
        ApiClient.Request request =
                api.post("/api/contracts/" + contract + "/completion/approve").bearer(user.accessToken());
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.send();
    }

    Response requestChanges(SignedIn user, UUID contract, String reason) {
        return api.post("/api/contracts/" + contract + "/completion/changes")
                .bearer(user.accessToken())
                .json("{\"reason\": " + quoted(reason) + "}")
                .send();
    }

    Response history(SignedIn user, UUID contract) {
        return api.get("/api/contracts/" + contract + "/completions")
                .bearer(user.accessToken())
                .send();
    }

    Response one(SignedIn user, UUID completion) {
        return api.get("/api/completions/" + completion)
                .bearer(user.accessToken())
                .send();
    }

    Response download(SignedIn user, String downloadPath) {
        return api.get(downloadPath).bearer(user.accessToken()).send();
    }

    String contractStatus(UUID contract) {
        return db.owner()
                .sql("SELECT status FROM bid_contracts WHERE id = ?")
                .param(contract)
                .query(String.class)
                .single();
    }

    String escrowStatus(UUID contract) {
        return db.owner()
                .sql("SELECT status FROM escrow_accounts WHERE contract_id = ?")
                .param(contract)
                .query(String.class)
                .single();
    }

    List<String> completionStatuses(UUID contract) {
        return db.owner()
                .sql("SELECT status FROM job_completions WHERE contract_id = ? ORDER BY submitted_at, created_at")
                .param(contract)
                .query(String.class)
                .list();
    }

    long releases(UUID contract) {
        return db.owner()
                .sql("SELECT count(*) FROM transactions WHERE contract_id = ? AND kind = 'RELEASE'")
                .param(contract)
                .query(Long.class)
                .single();
    }

    /** The contract's live approval timers: kind -> status. */
    List<String> liveApprovalTimers(UUID contract) {
        return db.owner().sql("""
                        SELECT kind || ' ' || status FROM due_timers
                         WHERE subject_id = ? AND kind LIKE 'COMPLETION_%' AND status IN ('SCHEDULED', 'PAUSED')
                         ORDER BY kind""").param(contract).query(String.class).list();
    }

    long audits(String action, Object entity) {
        return db.owner()
                .sql("SELECT count(*) FROM audit_logs WHERE action = ? AND entity_id = ?")
                .params(action, entity.toString())
                .query(Long.class)
                .single();
    }

    long evidenceRows() {
        return db.owner()
                .sql("SELECT count(*) FROM evidence_files")
                .query(Long.class)
                .single();
    }

    long evidenceOf(UUID completion) {
        return db.owner()
                .sql("SELECT count(*) FROM evidence_files WHERE completion_id = ?")
                .param(completion)
                .query(Long.class)
                .single();
    }

    static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
