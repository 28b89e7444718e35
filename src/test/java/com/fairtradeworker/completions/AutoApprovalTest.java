package com.fairtradeworker.completions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.completions.CompletionEvents.AutoApprovalReminder;
import com.fairtradeworker.completions.CompletionEvents.CompletionApproved;
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
import com.fairtradeworker.timers.DueTimers;
import com.fairtradeworker.timers.TimerPoller;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** The approval clock: a reminder two days before the window ends, then approval and release by the clock alone. */
@IntegrationTest
class AutoApprovalTest {

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Autowired
    DatabaseRoles db;

    @Autowired
    MutableClock clock;

    @Autowired
    TimerPoller timers;

    @Autowired
    CompletionEventLog events;

    @Autowired
    DueTimers dueTimers;

    @Autowired
    TransactionTemplate transactions;

    CompletionSteps steps;
    Funded funded;
    Instant submittedAt;

    @BeforeEach
    void submittedWork() {
        MarketplaceFixtures market = new MarketplaceFixtures(api, accounts, db, clock);
        steps = new CompletionSteps(api, db);
        funded = new EscrowFixtures(api, market).fundedContract(200_000);
        submittedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.pinAt(submittedAt);
        steps.submitted(funded.contractor(), funded.contract());
    }

    @AfterEach
    void resetClockAndCheckMoney() {
        clock.reset();
        new LedgerInvariants(db).assertHold();
    }

    @Test
    void theReminderComesTwoDaysBeforeAndTheWindowApprovesAndReleases() {
        clock.pinAt(submittedAt.plus(Duration.ofDays(12)).minusSeconds(1));
        timers.fireDue();
        assertThat(events.about(AutoApprovalReminder.class, funded.contract())).isEmpty();

        clock.pinAt(submittedAt.plus(Duration.ofDays(12)));
        timers.fireDue();

        assertThat(events.about(AutoApprovalReminder.class, funded.contract()))
                .singleElement()
                .satisfies(reminder -> {
                    assertThat(reminder.homeowner())
                            .isEqualTo(funded.homeowner().userId());
                    assertThat(reminder.autoApprovesAt()).isEqualTo(submittedAt.plus(Duration.ofDays(14)));
                });
        assertThat(reminderAudits()).isEqualTo(1);
        assertThat(steps.contractStatus(funded.contract())).isEqualTo("COMPLETION_SUBMITTED");

        clock.pinAt(submittedAt.plus(Duration.ofDays(14)).minusSeconds(1));
        timers.fireDue();
        assertThat(steps.contractStatus(funded.contract())).isEqualTo("COMPLETION_SUBMITTED");

        clock.pinAt(submittedAt.plus(Duration.ofDays(14)));
        timers.fireDue();

        assertThat(steps.contractStatus(funded.contract())).isEqualTo("RELEASED");
        assertThat(steps.escrowStatus(funded.contract())).isEqualTo("RELEASED");
        assertThat(steps.releases(funded.contract())).isEqualTo(1);
        Map<String, Object> decision = db.owner()
                .sql("SELECT id, status, decided_by, decided_at FROM job_completions WHERE contract_id = ?")
                .param(funded.contract())
                .query()
                .singleRow();
        assertThat(decision.get("status")).isEqualTo("AUTO_APPROVED");
        assertThat(decision.get("decided_by")).isNull();
        assertThat(steps.audits("COMPLETION_AUTO_APPROVED", decision.get("id"))).isEqualTo(1);
        assertThat(db.owner()
                        .sql("""
                                SELECT details ->> 'cause' FROM audit_logs
                                 WHERE action = 'ESCROW_RELEASED' AND entity_id = ? AND actor_id IS NULL""")
                        .param(funded.contract().toString())
                        .query(String.class)
                        .single())
                .isEqualTo("APPROVAL_WINDOW");
        assertThat(events.about(CompletionApproved.class, funded.contract()))
                .singleElement()
                .satisfies(approved -> assertThat(approved.auto()).isTrue());
        assertThat(steps.liveApprovalTimers(funded.contract())).isEmpty();
    }

    @Test
    void aPollerBackAfterTheWindowApprovesWithoutALateReminder() {
        clock.pinAt(submittedAt.plus(Duration.ofDays(15))); // the poller was down through both due times

        timers.fireDue();

        assertThat(events.about(AutoApprovalReminder.class, funded.contract())).isEmpty();
        assertThat(reminderAudits()).isZero();
        assertThat(steps.contractStatus(funded.contract())).isEqualTo("RELEASED");
    }

    @Test
    void bothPartiesSeeWhenTheWorkIsApprovedAutomatically() {
        Response homeowners = steps.history(funded.homeowner(), funded.contract());
        Response contractors = steps.history(funded.contractor(), funded.contract());

        String expected = submittedAt.plus(Duration.ofDays(14)).toString();
        assertThat(homeowners
                        .json()
                        .get("completions")
                        .get(0)
                        .get("autoApprovesAt")
                        .asString())
                .isEqualTo(expected);
        assertThat(contractors
                        .json()
                        .get("completions")
                        .get(0)
                        .get("autoApprovesAt")
                        .asString())
                .isEqualTo(expected);
    }

    @Test
    void aPausedClockShowsNoTimeButWhatItHasLeftAndResumesWithExactlyThat() {
        clock.pinAt(submittedAt.plus(Duration.ofDays(4)));
        transactions.executeWithoutResult(status -> dueTimers.pauseAll(funded.contract())); // as a dispute does

        // Tokens expire by the application's clock: sign in again at the new time.
        Response paused =
                steps.history(accounts.login(funded.homeowner().email(), TestAccounts.PASSWORD), funded.contract());
        assertThat(paused.json().get("completions").get(0).get("autoApprovesAt").isNull())
                .isTrue();
        assertThat(paused.json()
                        .get("completions")
                        .get(0)
                        .get("autoApprovalPausedWithRemaining")
                        .asString())
                .isEqualTo("PT240H");

        clock.pinAt(submittedAt.plus(Duration.ofDays(30)));
        timers.fireDue();
        assertThat(steps.contractStatus(funded.contract())).isEqualTo("COMPLETION_SUBMITTED");

        transactions.executeWithoutResult(status -> dueTimers.resumeAll(funded.contract()));
        Response resumed =
                steps.history(accounts.login(funded.contractor().email(), TestAccounts.PASSWORD), funded.contract());
        assertThat(resumed.json()
                        .get("completions")
                        .get(0)
                        .get("autoApprovesAt")
                        .asString())
                .isEqualTo(submittedAt.plus(Duration.ofDays(40)).toString());
    }

    @Test
    void theClockDoesNothingAfterTheHomeownerDecided() {
        Response approved = steps.approve(funded.homeowner(), funded.contract(), "before-the-clock");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);

        clock.pinAt(submittedAt.plus(Duration.ofDays(15)));
        timers.fireDue();

        assertThat(steps.releases(funded.contract())).isEqualTo(1);
        assertThat(steps.completionStatuses(funded.contract())).containsExactly("APPROVED");
        assertThat(events.about(AutoApprovalReminder.class, funded.contract())).isEmpty();
        assertThat(events.about(CompletionApproved.class, funded.contract()))
                .singleElement()
                .satisfies(event -> assertThat(event.auto()).isFalse());
    }

    @Test
    void aStrayWindowTimerAfterChangesWereRequestedDoesNothing() {
        Response changes = steps.requestChanges(funded.homeowner(), funded.contract(), "Not finished.");
        assertThat(changes.status()).as(changes.body()).isEqualTo(200);
        // As if the cancelled clock had fired anyway (a timer claimed just before the decision committed).
        db.owner()
                .sql("""
                        INSERT INTO due_timers (kind, subject_id, due_at, status)
                        VALUES ('COMPLETION_APPROVAL_WINDOW_ENDS', ?, ?, 'SCHEDULED')""")
                .params(funded.contract(), java.sql.Timestamp.from(submittedAt))
                .update();

        timers.fireDue();

        assertThat(steps.contractStatus(funded.contract())).isEqualTo("FUNDED");
        assertThat(steps.completionStatuses(funded.contract())).containsExactly("CHANGES_REQUESTED");
        assertThat(steps.releases(funded.contract())).isZero();
    }

    private long reminderAudits() {
        return db.owner()
                .sql("""
                        SELECT count(*) FROM audit_logs
                         WHERE action = 'COMPLETION_AUTO_APPROVAL_REMINDER' AND details ->> 'contract' = ?""")
                .param(funded.contract().toString())
                .query(Long.class)
                .single();
    }
}
