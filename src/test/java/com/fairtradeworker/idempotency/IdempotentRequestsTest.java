package com.fairtradeworker.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.idempotency.IdempotencyProbeController.Charge;
import com.fairtradeworker.idempotency.IdempotencyProbeController.Hold;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.ApiClient.Response;
import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.MutableClock;
import com.fairtradeworker.support.TestAccounts;
import com.fairtradeworker.support.TestAccounts.SignedIn;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Idempotency-Key handling through HTTP, on a test-only money route ({@link IdempotencyProbeController}) whose action
 * counts its runs and writes an audit row in its transaction: what the client sees, how often the action ran, and
 * which of its runs committed.
 */
@IntegrationTest
class IdempotentRequestsTest {

    static final String CHARGES = "/api/test-idempotency/charges";

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Autowired
    DatabaseRoles db;

    @Autowired
    MutableClock clock;

    @Autowired
    IdempotencyProbeController probe;

    @Autowired
    IdempotentRequests idempotentRequests;

    @Autowired
    DataSource dataSource;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    JsonMapper json;

    SignedIn user;
    String note;
    String key;

    @BeforeEach
    void freshUserNoteAndKey() {
        user = accounts.verifiedUser("HOMEOWNER");
        note = "probe-" + UUID.randomUUID();
        key = UUID.randomUUID().toString();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void theSameRequestAgainReplaysTheFirstResponseByteForByteWithoutRunningTheActionAgain() {
        Response first = charge(user, key, "{\"amountMinor\": 125000, \"note\": \"%s\"}".formatted(note));
        // The same body written differently (property order, spacing) is the same request.
        Response again = charge(user, key, "{\"note\":\"%s\",\"amountMinor\":125000}".formatted(note));

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.header("Location")).startsWith(CHARGES + "/");
        assertThat(first.header(IdempotentRequests.REPLAYED_HEADER)).isNull();
        assertThat(first.json().get("run").asInt()).isEqualTo(1);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.raw().body()).isEqualTo(first.raw().body());
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(again.header("Content-Type")).isEqualTo(first.header("Content-Type"));
        assertThat(again.header(IdempotentRequests.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(again.header("X-Request-Id")).isNotEqualTo(first.header("X-Request-Id"));
        assertThat(probe.runs(note)).isEqualTo(1);
        assertThat(committedRuns(note)).isEqualTo(1);
    }

    @Test
    void nonAsciiTextReplaysByteForByte() {
        String text = note + " café ✓ 東京";
        Response first = charge(user, key, body(text, 500));
        Response again = charge(user, key, body(text, 500));

        assertThat(first.json().get("note").asString()).isEqualTo(text);
        assertThat(again.raw().body()).isEqualTo(first.raw().body());
        assertThat(again.header(IdempotentRequests.REPLAYED_HEADER)).isEqualTo("true");
    }

    @Test
    void theSameKeyForADifferentRequestIsRefused() {
        assertThat(charge(user, key, body(note, 100)).status()).isEqualTo(201);

        Response otherAmount = charge(user, key, body(note, 101));
        Response otherRoute = api.post("/api/test-idempotency/declines")
                .bearer(user.accessToken())
                .header(IdempotentRequests.KEY_HEADER, key)
                .send();

        assertProblem(otherAmount, 422, "idempotency-key-reused");
        assertProblem(otherRoute, 422, "idempotency-key-reused");
        assertThat(probe.runs(note)).isEqualTo(1);
        assertThat(probe.runs("declines:" + user.userId())).isZero();
    }

    @Test
    void keysAreIndependentPerUser() {
        SignedIn other = accounts.verifiedUser("HOMEOWNER");

        Response mine = charge(user, key, body(note, 100));
        Response theirs = charge(other, key, body(note, 100));

        assertThat(mine.status()).isEqualTo(201);
        assertThat(theirs.status()).isEqualTo(201);
        assertThat(theirs.header(IdempotentRequests.REPLAYED_HEADER)).isNull();
        assertThat(theirs.json().get("id")).isNotEqualTo(mine.json().get("id"));
        assertThat(probe.runs(note)).isEqualTo(2);
        assertThat(committedRuns(note)).isEqualTo(2);
    }

    @Test
    void aMissingOrMalformedKeyIsRefusedBeforeTheActionRuns() {
        Response missing = charge(user, null, body(note, 100));
        Response tooLong = charge(user, "k".repeat(256), body(note, 100));

        assertProblem(missing, 400, "idempotency-key-missing");
        assertThat(missing.json().get("detail").asString()).contains("Idempotency-Key");
        assertProblem(tooLong, 400, "validation-failed");
        assertThat(tooLong.json().get("errors").get(0).get("field").asString()).isEqualTo("Idempotency-Key");
        assertThat(probe.runs(note)).isZero();
        assertThat(charge(user, "k".repeat(255), body(note, 100)).status()).isEqualTo(201);
    }

    @Test
    void aConcurrentDuplicateGets409AndARetryAfterwardsReplays() throws Exception {
        Hold hold = probe.holdNextRun(note);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Response> first = pool.submit(() -> charge(user, key, body(note, 100)));
            assertThat(hold.entered().await(20, TimeUnit.SECONDS)).isTrue();

            Response duplicate = charge(user, key, body(note, 100));
            hold.release().countDown();
            Response firstResponse = first.get(20, TimeUnit.SECONDS);
            Response retry = charge(user, key, body(note, 100));

            assertProblem(duplicate, 409, "idempotent-request-in-progress");
            assertThat(firstResponse.status()).isEqualTo(201);
            assertThat(retry.status()).isEqualTo(201);
            assertThat(retry.header(IdempotentRequests.REPLAYED_HEADER)).isEqualTo("true");
            assertThat(retry.raw().body()).isEqualTo(firstResponse.raw().body());
            assertThat(probe.runs(note)).isEqualTo(1);
            assertThat(committedRuns(note)).isEqualTo(1);
        } finally {
            hold.release().countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedActionRollsBackAndReleasesTheKeySoARetryRunsItAgain() {
        probe.failNextRun(note, new ProblemException(ProblemType.STATE_CONFLICT, "Not now.", Map.of("status", "X")));

        Response failed = charge(user, key, body(note, 100));

        assertProblem(failed, 409, "state-conflict");
        assertThat(failed.json().get("detail").asString()).isEqualTo("Not now.");
        assertThat(failed.json().get("status").asString()).isEqualTo("X");
        assertThat(committedRuns(note))
                .as("the failed run's audit row rolled back")
                .isZero();
        assertThat(keyRows(user.userId(), key)).as("the key was released").isZero();

        Response retry = charge(user, key, body(note, 100));

        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header(IdempotentRequests.REPLAYED_HEADER)).isNull();
        assertThat(retry.json().get("run").asInt()).isEqualTo(2);
        assertThat(committedRuns(note)).isEqualTo(1);
    }

    @Test
    void anUnexpectedFailureAlsoReleasesTheKey() {
        probe.failNextRun(note, new IllegalStateException("boom"));

        assertProblem(charge(user, key, body(note, 100)), 500, "internal-error");
        assertThat(keyRows(user.userId(), key)).isZero();
        assertThat(charge(user, key, body(note, 100)).status()).isEqualTo(201);
        assertThat(probe.runs(note)).isEqualTo(2);
        assertThat(committedRuns(note)).isEqualTo(1);
    }

    @Test
    void aStoredProblemResponseReplaysAsAProblem() {
        Response first = api.post("/api/test-idempotency/declines")
                .bearer(user.accessToken())
                .header(IdempotentRequests.KEY_HEADER, key)
                .send();
        Response again = api.post("/api/test-idempotency/declines")
                .bearer(user.accessToken())
                .header(IdempotentRequests.KEY_HEADER, key)
                .send();

        assertThat(first.status()).isEqualTo(402);
        assertThat(first.header("Content-Type")).startsWith("application/problem+json");
        assertThat(first.json().get("declineCode").asString()).isEqualTo("insufficient_funds");
        assertThat(again.status()).isEqualTo(402);
        assertThat(again.header("Content-Type")).isEqualTo(first.header("Content-Type"));
        assertThat(again.raw().body()).isEqualTo(first.raw().body());
        assertThat(again.header(IdempotentRequests.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(probe.runs("declines:" + user.userId())).isEqualTo(1);
    }

    @Test
    void theStoredRowAloneServesTheReplay() {
        Instant start = pinClock();
        Response first = charge(user, key, body(note, 4200));

        var row = db.app()
                .sql("""
                        SELECT method, route, status, response_status, response_body, response_headers ->> 'Location',
                               octet_length(request_hash), created_at, completed_at, expires_at
                          FROM idempotency_keys WHERE user_id = ? AND idem_key = ?
                        """)
                .params(user.userId(), key)
                .query((rs, n) -> Map.of(
                        "method", rs.getString(1),
                        "route", rs.getString(2),
                        "status", rs.getString(3),
                        "responseStatus", rs.getInt(4),
                        "body", rs.getString(5),
                        "location", rs.getString(6),
                        "hashBytes", rs.getInt(7),
                        "createdAt", rs.getTimestamp(8).toInstant(),
                        "completedAt", rs.getTimestamp(9).toInstant(),
                        "expiresAt", rs.getTimestamp(10).toInstant()))
                .single();
        assertThat(row)
                .containsEntry("method", "POST")
                .containsEntry("route", CHARGES)
                .containsEntry("status", "COMPLETED")
                .containsEntry("responseStatus", 201)
                .containsEntry("body", first.body())
                .containsEntry("location", first.header("Location"))
                .containsEntry("hashBytes", 32)
                .containsEntry("createdAt", start)
                .containsEntry("completedAt", start)
                .containsEntry("expiresAt", start.plus(Duration.ofHours(24)));

        // As after a restart: a new instance with nothing in memory, on the same database.
        IdempotentRequests restarted = new IdempotentRequests(
                new IdempotencyKeys(JdbcClient.create(dataSource), json),
                transactionManager,
                json,
                clock,
                new IdempotencySettings(Duration.ofHours(24), Duration.ofMinutes(2), false, Duration.ofHours(1)));
        ResponseEntity<?> replay = restarted.execute(
                new IdempotentRequest(user.userId(), key, "POST", CHARGES, new Charge(4200, note)), () -> {
                    throw new AssertionError("a replay must not run the action");
                });

        assertThat(replay.getStatusCode().value()).isEqualTo(201);
        assertThat(((String) replay.getBody()).getBytes(StandardCharsets.UTF_8))
                .isEqualTo(first.raw().body());
        assertThat(replay.getHeaders().getFirst("Location")).isEqualTo(first.header("Location"));
        assertThat(replay.getHeaders().getFirst("Content-Type")).isEqualTo("application/json");
        assertThat(replay.getHeaders().getFirst(IdempotentRequests.REPLAYED_HEADER))
                .isEqualTo("true");
        assertThat(probe.runs(note)).isEqualTo(1);
    }

    @Test
    void anExpiredKeyRunsTheActionAgain() {
        pinClock();
        assertThat(charge(user, key, body(note, 100)).status()).isEqualTo(201);

        clock.advance(Duration.ofHours(24).minusMillis(1));
        SignedIn later = relogin(user);
        Response stillKept = charge(later, key, body(note, 100));
        clock.advance(Duration.ofMillis(1));
        Response expired = charge(later, key, body(note, 100));

        assertThat(stillKept.header(IdempotentRequests.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(expired.status()).isEqualTo(201);
        assertThat(expired.header(IdempotentRequests.REPLAYED_HEADER)).isNull();
        assertThat(expired.json().get("run").asInt()).isEqualTo(2);
        assertThat(committedRuns(note)).isEqualTo(2);
        assertThat(keyRows(user.userId(), key)).isEqualTo(1);
    }

    @Test
    void aStaleInProgressKeyIsTakenOverAndTheSlowFirstAttemptCannotCompleteIt() throws Exception {
        pinClock();
        Hold firstHold = probe.holdNextRun(note);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Response> first = pool.submit(() -> charge(user, key, body(note, 100)));
            assertThat(firstHold.entered().await(20, TimeUnit.SECONDS)).isTrue();

            clock.advance(Duration.ofMinutes(2));
            Response tooEarly = charge(user, key, body(note, 100));
            clock.advance(Duration.ofMillis(1));
            Hold takeoverHold = probe.holdNextRun(note);
            Future<Response> takeover = pool.submit(() -> charge(user, key, body(note, 100)));
            assertThat(takeoverHold.entered().await(20, TimeUnit.SECONDS)).isTrue();
            // The first attempt was only slow, not crashed: it finishes while the take-over still runs.
            firstHold.release().countDown();
            Response slowFirst = first.get(20, TimeUnit.SECONDS);
            takeoverHold.release().countDown();
            Response takeoverResponse = takeover.get(20, TimeUnit.SECONDS);
            Response retry = charge(user, key, body(note, 100));

            assertProblem(tooEarly, 409, "idempotent-request-in-progress");
            assertProblem(slowFirst, 409, "idempotent-request-in-progress");
            assertThat(takeoverResponse.status()).isEqualTo(201);
            assertThat(takeoverResponse.json().get("run").asInt()).isEqualTo(2);
            assertThat(retry.header(IdempotentRequests.REPLAYED_HEADER)).isEqualTo("true");
            assertThat(retry.raw().body()).isEqualTo(takeoverResponse.raw().body());
            assertThat(committedRuns(note))
                    .as("only the take-over's run committed")
                    .isEqualTo(1);
        } finally {
            firstHold.release().countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aResponseThatCannotBeStoredRollsBackTheActionWithIt() {
        probe.answerUnstorablyNextRun(note);

        assertProblem(charge(user, key, body(note, 100)), 500, "internal-error");

        assertThat(probe.runs(note)).isEqualTo(1);
        assertThat(committedRuns(note))
                .as("the action's own changes rolled back")
                .isZero();
        assertThat(keyRows(user.userId(), key)).isZero();
    }

    @Test
    void purgingDeletesExpiredKeysOnly() {
        pinClock();
        String laterKey = UUID.randomUUID().toString();
        assertThat(charge(user, key, body(note, 100)).status()).isEqualTo(201);
        clock.advance(Duration.ofHours(23));
        assertThat(charge(relogin(user), laterKey, body(note, 100)).status()).isEqualTo(201);
        clock.advance(Duration.ofHours(1));

        assertThat(idempotentRequests.purgeExpired()).isPositive();

        assertThat(keyRows(user.userId(), key)).isZero();
        assertThat(keyRows(user.userId(), laterKey)).isEqualTo(1);
    }

    private Instant pinClock() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        clock.pinAt(start);
        return start;
    }

    /** Access tokens expire when the clock jumps ahead; the session is still there. */
    private SignedIn relogin(SignedIn signedIn) {
        return accounts.login(signedIn.email(), TestAccounts.PASSWORD);
    }

    private Response charge(SignedIn caller, String idempotencyKey, String json) {
        ApiClient.Request request =
                api.post(CHARGES).bearer(caller.accessToken()).json(json);
        if (idempotencyKey != null) {
            request.header(IdempotentRequests.KEY_HEADER, idempotencyKey);
        }
        return request.send();
    }

    private static String body(String note, long amountMinor) {
        return "{\"amountMinor\":%d,\"note\":\"%s\"}".formatted(amountMinor, note);
    }

    private static void assertProblem(Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("https://fairtradeworker.com/problems/" + type);
    }

    /** Audit rows the probe's committed runs left. */
    private long committedRuns(String note) {
        return db.app()
                .sql("SELECT count(*) FROM audit_logs WHERE action = ? AND details ->> 'note' = ?")
                .params(IdempotencyProbeController.ACTION, note)
                .query(Long.class)
                .single();
    }

    private long keyRows(UUID userId, String idempotencyKey) {
        return db.app()
                .sql("SELECT count(*) FROM idempotency_keys WHERE user_id = ? AND idem_key = ?")
                .params(userId, idempotencyKey)
                .query(Long.class)
                .single();
    }
}
