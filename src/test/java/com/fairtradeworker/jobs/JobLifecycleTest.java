package com.fairtradeworker.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.ApiClient.Response;
import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.MutableClock;
import com.fairtradeworker.support.TestAccounts;
import com.fairtradeworker.support.TestAccounts.SignedIn;
import com.fairtradeworker.timers.TimerPoller;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class JobLifecycleTest {

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Autowired
    MutableClock clock;

    @Autowired
    TimerPoller timers;

    @Autowired
    DatabaseRoles db;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aHomeownerDraftsPublishesAndCancelsAJob() {
        SignedIn homeowner = accounts.verifiedUser("HOMEOWNER");

        Response created = api.post("/api/jobs")
                .bearer(homeowner.accessToken())
                .json(JobTestData.body(Instant.now()))
                .send();
        String id = created.json().get("id").asString();
        Response published = api.post("/api/jobs/" + id + "/publish")
                .bearer(homeowner.accessToken())
                .send();
        Response cancelled = api.post("/api/jobs/" + id + "/cancel")
                .bearer(homeowner.accessToken())
                .send();
        Response cancelledAgain = api.post("/api/jobs/" + id + "/cancel")
                .bearer(homeowner.accessToken())
                .send();

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/jobs/" + id);
        assertThat(created.json().get("status").asString()).isEqualTo("DRAFT");
        assertThat(published.json().get("status").asString()).isEqualTo("OPEN");
        assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelledAgain.status()).isEqualTo(409);
        assertThat(cancelledAgain.json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(db.app()
                        .sql("SELECT action FROM audit_logs WHERE entity_id = ? ORDER BY occurred_at")
                        .param(id)
                        .query(String.class)
                        .list())
                .containsExactly("JOB_CREATED", "JOB_PUBLISHED", "JOB_CANCELLED");
    }

    @Test
    void anUnverifiedHomeownerCannotPostAndContractorsCannotPostAtAll() {
        SignedIn unverified = accounts.unverifiedUser("HOMEOWNER");
        SignedIn contractor = accounts.verifiedUser("CONTRACTOR");

        Response refused = api.post("/api/jobs")
                .bearer(unverified.accessToken())
                .json(JobTestData.body(Instant.now()))
                .send();

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("type").asString()).endsWith("/email-not-verified");
        assertThat(api.post("/api/jobs")
                        .bearer(contractor.accessToken())
                        .json(JobTestData.body(Instant.now()))
                        .send()
                        .status())
                .isEqualTo(403);
    }

    @Test
    void fieldsAreValidated() {
        SignedIn homeowner = accounts.verifiedUser("HOMEOWNER");
        Instant in7Days = Instant.now().plus(Duration.ofDays(7));

        assertThat(create(homeowner, JobTestData.body("x".repeat(121), "plumbing", 10, 10, in7Days))
                        .status())
                .isEqualTo(400);
        assertThat(create(homeowner, JobTestData.body("Ok", "plumbing.unicorns", 10, 10, in7Days))
                        .status())
                .isEqualTo(400);
        assertThat(create(homeowner, JobTestData.body("Ok", "plumbing", 91, 10, in7Days))
                        .status())
                .isEqualTo(400);
        assertThat(create(homeowner, JobTestData.body("Ok", "plumbing", 10, -181, in7Days))
                        .status())
                .isEqualTo(400);
        assertThat(create(
                                homeowner,
                                JobTestData.body("Ok", "plumbing", 10, 10, in7Days)
                                        .replace("\"amountMinor\":80000", "\"amountMinor\":900000"))
                        .status())
                .as("budget minimum above maximum")
                .isEqualTo(400);
        assertThat(create(
                                homeowner,
                                JobTestData.body("Ok", "plumbing", 10, 10, in7Days)
                                        .replace("\"postcode\"", "\"status\":\"OPEN\",\"postcode\""))
                        .status())
                .as("state cannot be mass-assigned")
                .isEqualTo(400);
    }

    @Test
    void theBiddingDeadlineMustBeOneToThirtyDaysAheadWhenPublishing() {
        SignedIn homeowner = accounts.verifiedUser("HOMEOWNER");
        Instant now = Instant.now();

        String tooSoon =
                id(create(homeowner, JobTestData.body("Soon", "painting", 10, 10, now.plus(Duration.ofHours(20)))));
        String tooLate =
                id(create(homeowner, JobTestData.body("Late", "painting", 10, 10, now.plus(Duration.ofDays(31)))));

        assertThat(api.post("/api/jobs/" + tooSoon + "/publish")
                        .bearer(homeowner.accessToken())
                        .send()
                        .status())
                .isEqualTo(400);
        assertThat(api.post("/api/jobs/" + tooLate + "/publish")
                        .bearer(homeowner.accessToken())
                        .send()
                        .status())
                .isEqualTo(400);
    }

    @Test
    void anotherHomeownersJobCannotBeTouchedAndAnswersLikeAMissingOne() {
        SignedIn owner = accounts.verifiedUser("HOMEOWNER");
        SignedIn other = accounts.verifiedUser("HOMEOWNER");
        String draft = id(create(owner, JobTestData.body(Instant.now())));

        Response foreign = api.post("/api/jobs/" + draft + "/publish")
                .bearer(other.accessToken())
                .send();
        Response missing = api.post("/api/jobs/" + java.util.UUID.randomUUID() + "/publish")
                .bearer(other.accessToken())
                .send();

        assertThat(foreign.status()).isEqualTo(404).isEqualTo(missing.status());
        assertThat(foreign.json().get("detail")).isEqualTo(missing.json().get("detail"));
        assertThat(api.get("/api/jobs/" + draft)
                        .bearer(other.accessToken())
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.put("/api/jobs/" + draft)
                        .bearer(other.accessToken())
                        .json(JobTestData.body(Instant.now()))
                        .send()
                        .status())
                .isEqualTo(404);
    }

    @Test
    void anOpenJobWithoutBidsCanBeEdited() {
        SignedIn homeowner = accounts.verifiedUser("HOMEOWNER");
        String id = JobTestData.createOpen(api, homeowner.accessToken(), JobTestData.body(Instant.now()));

        Response edited = api.put("/api/jobs/" + id)
                .bearer(homeowner.accessToken())
                .json(JobTestData.body(
                        "Replace two water heaters",
                        "plumbing.water_heaters",
                        39.78,
                        -89.65,
                        Instant.now().plus(Duration.ofDays(10))))
                .send();

        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.json().get("title").asString()).isEqualTo("Replace two water heaters");
    }

    @Test
    void anOpenJobNobodyAcceptsExpiresOnceOnItsClock() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.pinAt(start);
        SignedIn homeowner = accounts.verifiedUser("HOMEOWNER");
        Instant deadline = start.plus(Duration.ofDays(3));
        String id = JobTestData.createOpen(
                api, homeowner.accessToken(), JobTestData.body("Paint fence", "painting.exterior", 10, 10, deadline));

        clock.pinAt(deadline.plus(Duration.ofDays(14)).minusSeconds(1));
        timers.fireDue();
        assertThat(status(homeowner, id)).isEqualTo("OPEN");

        clock.pinAt(deadline.plus(Duration.ofDays(14)));
        timers.fireDue();
        timers.fireDue();
        assertThat(status(homeowner, id)).isEqualTo("EXPIRED");
        assertThat(db.app()
                        .sql("SELECT count(*) FROM audit_logs WHERE entity_id = ? AND action = 'JOB_EXPIRED'")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void deletingTheAccountCancelsOpenJobsAndErasesTheirAddress() {
        SignedIn homeowner = accounts.verifiedUser("HOMEOWNER");
        String id = JobTestData.createOpen(api, homeowner.accessToken(), JobTestData.body(Instant.now()));

        assertThat(deleteAccount(homeowner).status()).isEqualTo(204);

        var row = db.app()
                .sql("SELECT status, address_text, postcode, latitude FROM jobs WHERE id = ?::uuid")
                .param(id)
                .query()
                .singleRow();
        assertThat(row.get("status")).isEqualTo("CANCELLED");
        assertThat(row.get("address_text")).isEqualTo("(erased)");
        assertThat(row.get("postcode")).isEqualTo("-");
        assertThat((Double) row.get("latitude")).isEqualTo(39.8);
    }

    @Test
    void stateConflictsNameTheCurrentState() {
        SignedIn homeowner = accounts.verifiedUser("HOMEOWNER");
        String id = JobTestData.createOpen(api, homeowner.accessToken(), JobTestData.body(Instant.now()));

        Response republish = api.post("/api/jobs/" + id + "/publish")
                .bearer(homeowner.accessToken())
                .send();

        assertThat(republish.status()).isEqualTo(409);
        assertThat(republish.json().get("status").asString()).isEqualTo("OPEN");
        assertThat(republish.json().get("detail").asString()).contains("OPEN");
    }

    private String status(SignedIn homeowner, String id) {
        return db.app()
                .sql("SELECT status FROM jobs WHERE id = ?::uuid")
                .param(id)
                .query(String.class)
                .single();
    }

    private Response create(SignedIn homeowner, String body) {
        return api.post("/api/jobs").bearer(homeowner.accessToken()).json(body).send();
    }

    private static String id(Response response) {
        return response.json().get("id").asString();
    }

    /** DELETE /api/me with the account's password, as the route requires. */
    private Response deleteAccount(SignedIn user) {
        return api.delete("/api/me")
                .bearer(user.accessToken())
                .json("{\"currentPassword\": \"" + TestAccounts.PASSWORD + "\"}")
                .send();
    }
}
