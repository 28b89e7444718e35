package com.fairtradeworker.completions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.ApiClient.Response;
import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.EscrowFixtures;
import com.fairtradeworker.support.EscrowFixtures.Funded;
import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.LedgerInvariants;
import com.fairtradeworker.support.MarketplaceFixtures;
import com.fairtradeworker.support.MutableClock;
import com.fairtradeworker.support.TestAccounts;
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

/** Submit, approve (with its Idempotency-Key) and ask for changes, through HTTP against the real database. */
@IntegrationTest
class CompletionApprovalTest {

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Autowired
    DatabaseRoles db;

    @Autowired
    MutableClock clock;

    MarketplaceFixtures market;
    CompletionSteps steps;
    Funded funded;

    @BeforeEach
    void fundedContract() {
        market = new MarketplaceFixtures(api, accounts, db, clock);
        steps = new CompletionSteps(api, db);
        funded = new EscrowFixtures(api, market).fundedContract(123_457);
    }

    @AfterEach
    void moneyInvariantsHold() {
        clock.reset();
        new LedgerInvariants(db).assertHold();
    }

    @Test
    void approvalOfSubmittedWorkReleasesEscrowLessTheFee() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.pinAt(now);
        Response submitted = steps.submit(
                funded.contractor(), funded.contract(), "Heater replaced.", List.of(Samples.png("after.png")));

        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        UUID completion = UUID.fromString(submitted.json().get("id").asString());
        assertThat(submitted.header("Location")).isEqualTo("/api/completions/" + completion);
        assertThat(submitted.json().get("status").asString()).isEqualTo("SUBMITTED");
        assertThat(Instant.parse(submitted.json().get("autoApprovesAt").asString()))
                .isEqualTo(now.plus(Duration.ofDays(14)));
        assertThat(submitted.json().get("evidence")).hasSize(1);
        assertThat(steps.contractStatus(funded.contract())).isEqualTo("COMPLETION_SUBMITTED");
        assertThat(steps.liveApprovalTimers(funded.contract()))
                .containsExactly("COMPLETION_APPROVAL_REMINDER SCHEDULED", "COMPLETION_APPROVAL_WINDOW_ENDS SCHEDULED");

        Response approved = steps.approve(funded.homeowner(), funded.contract(), "approve-1");

        // fee = floor(123457 x 500 / 10000) = floor(6172.85)
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("contractStatus").asString()).isEqualTo("RELEASED");
        assertThat(approved.json().get("escrowStatus").asString()).isEqualTo("RELEASED");
        assertThat(approved.json().get("released").get("amountMinor").asLong()).isEqualTo(123_457);
        assertThat(approved.json().get("platformFee").get("amountMinor").asLong())
                .isEqualTo(6_172);
        assertThat(approved.json().get("contractorReceives").get("amountMinor").asLong())
                .isEqualTo(117_285);
        assertThat(approved.json().get("completion").get("status").asString()).isEqualTo("APPROVED");
        assertThat(approved.json().get("completion").get("decidedBy").asString())
                .isEqualTo(funded.homeowner().userId().toString());
        assertThat(steps.contractStatus(funded.contract())).isEqualTo("RELEASED");
        assertThat(steps.escrowStatus(funded.contract())).isEqualTo("RELEASED");
        assertThat(market.jobStatus(funded.job())).isEqualTo("COMPLETED");
        assertThat(payouts(funded.contract()))
                .containsExactly(Map.of("status", "PENDING_ACCOUNT", "amount_minor", 117_285L));
        assertThat(steps.liveApprovalTimers(funded.contract())).isEmpty();
        assertThat(steps.audits("COMPLETION_SUBMITTED", completion)).isEqualTo(1);
        assertThat(steps.audits("COMPLETION_APPROVED", completion)).isEqualTo(1);
        Map<String, Object> decision = db.owner()
                .sql("SELECT status, decided_by, decided_at FROM job_completions WHERE id = ?")
                .param(completion)
                .query()
                .singleRow();
        assertThat(decision.get("status")).isEqualTo("APPROVED");
        assertThat(decision.get("decided_by")).isEqualTo(funded.homeowner().userId());
        assertThat(decision.get("decided_at")).isNotNull();
    }

    @Test
    void aRetryWithTheSameKeyReplaysTheApprovalAndReleasesOnce() {
        steps.submitted(funded.contractor(), funded.contract());

        Response first = steps.approve(funded.homeowner(), funded.contract(), "same-key");
        Response replay = steps.approve(funded.homeowner(), funded.contract(), "same-key");
        Response another = steps.approve(funded.homeowner(), funded.contract(), "another-key");

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(another.status()).as(another.body()).isEqualTo(409);
        assertThat(another.json().get("status").asString()).isEqualTo("RELEASED");
        assertThat(steps.releases(funded.contract())).isEqualTo(1);
        assertThat(payouts(funded.contract())).hasSize(1);
    }

    @Test
    void approvalNeedsAnIdempotencyKeyAndSubmittedWork() {
        Response nothingSubmitted = steps.approve(funded.homeowner(), funded.contract(), "early");
        steps.submitted(funded.contractor(), funded.contract());
        Response withoutKey = steps.approve(funded.homeowner(), funded.contract(), null);

        assertThat(nothingSubmitted.status()).isEqualTo(409);
        assertThat(nothingSubmitted.json().get("status").asString()).isEqualTo("FUNDED");
        assertThat(withoutKey.status()).isEqualTo(400);
        assertThat(withoutKey.json().get("type").asString()).endsWith("/idempotency-key-missing");
        assertThat(steps.releases(funded.contract())).isZero();
        assertThat(steps.contractStatus(funded.contract())).isEqualTo("COMPLETION_SUBMITTED");
    }

    @Test
    void askingForChangesReturnsTheContractToFundedAndANewSubmissionStartsAgain() {
        UUID first = steps.submitted(funded.contractor(), funded.contract());

        Response changes =
                steps.requestChanges(funded.homeowner(), funded.contract(), "The pilot light keeps going out.");

        assertThat(changes.status()).as(changes.body()).isEqualTo(200);
        assertThat(changes.json().get("contractStatus").asString()).isEqualTo("FUNDED");
        assertThat(changes.json().get("completion").get("status").asString()).isEqualTo("CHANGES_REQUESTED");
        assertThat(changes.json().get("completion").get("changeRequestReason").asString())
                .isEqualTo("The pilot light keeps going out.");
        assertThat(steps.contractStatus(funded.contract())).isEqualTo("FUNDED");
        assertThat(steps.liveApprovalTimers(funded.contract())).isEmpty();
        assertThat(steps.audits("COMPLETION_CHANGES_REQUESTED", first)).isEqualTo(1);
        assertThat(steps.approve(funded.homeowner(), funded.contract(), "too-late")
                        .status())
                .isEqualTo(409);

        UUID second = steps.submitted(funded.contractor(), funded.contract());

        Response history = steps.history(funded.contractor(), funded.contract());
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.json().get("contractStatus").asString()).isEqualTo("COMPLETION_SUBMITTED");
        assertThat(history.json().get("completions")).hasSize(2);
        assertThat(history.json().get("completions").get(0).get("id").asString())
                .isEqualTo(second.toString());
        assertThat(history.json()
                        .get("completions")
                        .get(0)
                        .get("autoApprovesAt")
                        .isNull())
                .isFalse();
        assertThat(history.json().get("completions").get(1).get("id").asString())
                .isEqualTo(first.toString());
        assertThat(history.json()
                        .get("completions")
                        .get(1)
                        .get("autoApprovesAt")
                        .isNull())
                .isTrue();
        assertThat(history.json().get("completions").get(1).get("evidence")).hasSize(1);
        assertThat(steps.completionStatuses(funded.contract())).containsExactly("CHANGES_REQUESTED", "SUBMITTED");
        assertThat(steps.liveApprovalTimers(funded.contract())).hasSize(2);
        assertThat(steps.approve(funded.homeowner(), funded.contract(), "second-try")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void textsAreCheckedAndWorkIsSubmittedOnceAndOnlyOnAFundedContract() {
        Response blank = steps.submitJson(funded.contractor(), funded.contract(), "{\"summary\": \"  \"}");
        Response longSummary = steps.submitJson(
                funded.contractor(), funded.contract(), "{\"summary\": \"" + "a".repeat(2_001) + "\"}");
        Response longNotes = steps.submitJson(
                funded.contractor(),
                funded.contract(),
                "{\"summary\": \"Done.\", \"notes\": \"" + "n".repeat(5_001) + "\"}");
        Response massAssignment = steps.submitJson(
                funded.contractor(), funded.contract(), "{\"summary\": \"Done.\", \"status\": \"APPROVED\"}");

        assertThat(List.of(blank.status(), longSummary.status(), longNotes.status(), massAssignment.status()))
                .containsOnly(400);
        assertThat(steps.completionStatuses(funded.contract())).isEmpty();

        Response json = steps.submitJson(
                funded.contractor(),
                funded.contract(),
                "{\"summary\": \"" + "s".repeat(2_000) + "\", \"notes\": \"" + "😀".repeat(5_000) + "\"}");
        Response again = steps.submitJson(funded.contractor(), funded.contract(), "{\"summary\": \"Again.\"}");

        assertThat(json.status()).as(json.body()).isEqualTo(201);
        assertThat(json.json().get("evidence")).isEmpty();
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("status").asString()).isEqualTo("COMPLETION_SUBMITTED");

        Response noReason = steps.requestChanges(funded.homeowner(), funded.contract(), " ");
        Response longReason = steps.requestChanges(funded.homeowner(), funded.contract(), "r".repeat(2_001));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(longReason.status()).isEqualTo(400);
        assertThat(steps.contractStatus(funded.contract())).isEqualTo("COMPLETION_SUBMITTED");

        Funded unfunded = new EscrowFixtures(api, market).pendingContract(50_000);
        Response early = steps.submitJson(unfunded.contractor(), unfunded.contract(), "{\"summary\": \"Done.\"}");
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.json().get("status").asString()).isEqualTo("PENDING_FUNDING");
    }

    private List<Map<String, Object>> payouts(UUID contract) {
        return db.owner()
                .sql("SELECT status, amount_minor FROM payouts WHERE contract_id = ?")
                .param(contract)
                .query()
                .listOfRows();
    }
}
