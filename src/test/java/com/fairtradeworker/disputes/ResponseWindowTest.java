package com.fairtradeworker.disputes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fairtradeworker.disputes.DisputeEvents.DisputeResolved;
import com.fairtradeworker.disputes.DisputeEvents.DisputeResponseDue;
import com.fairtradeworker.shared.Money;
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
import com.fairtradeworker.support.TestMailServer;
import com.fairtradeworker.timers.TimerPoller;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The response clock: five days after opening, a dispute the other party never answered resolves as its opener asked
 * (their split amount included), by the system; an answered or withdrawn dispute is left alone.
 */
@IntegrationTest
class ResponseWindowTest {

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Autowired
    DatabaseRoles db;

    @Autowired
    MutableClock clock;

    @Autowired
    TimerPoller poller;

    @Autowired
    DisputeEventLog events;

    MarketplaceFixtures market;
    EscrowFixtures escrow;
    DisputeFixtures disputes;
    Instant start;

    @BeforeEach
    void pinClock() {
        start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        clock.pinAt(start);
        market = new MarketplaceFixtures(api, accounts, db, clock);
        escrow = new EscrowFixtures(api, market);
        disputes = new DisputeFixtures(api, accounts, db);
    }

    @AfterEach
    void moneyInvariantsHoldAndTheClockRuns() {
        clock.reset();
        new LedgerInvariants(db).assertHold();
    }

    @Test
    void anUnansweredDisputeResolvesAsItsOpenerAskedWhenTheWindowCloses() {
        Funded funded = escrow.fundedContract(100_000);
        UUID dispute = disputes.opened(funded.contractor(), funded.contract(), "SPLIT", 70_000L);

        clock.advance(Duration.ofDays(5).minusMillis(1));
        poller.fireDue();
        assertThat(disputes.disputeStatus(dispute)).isEqualTo("OPEN");

        clock.advance(Duration.ofMillis(1));
        poller.fireDue();
        poller.fireDue();

        Map<String, Object> row = db.owner()
                .sql("SELECT status, resolution, resolution_split_minor, resolved_by, resolved_at, resolution_reason"
                        + " FROM disputes WHERE id = ?")
                .param(dispute)
                .query()
                .singleRow();
        assertThat(row.get("status")).isEqualTo("RESOLVED");
        assertThat(row.get("resolution")).isEqualTo("SPLIT");
        assertThat(row.get("resolution_split_minor")).isEqualTo(70_000L);
        assertThat(row.get("resolved_by")).isNull();
        assertThat(((Timestamp) row.get("resolved_at")).toInstant()).isEqualTo(start.plus(Duration.ofDays(5)));
        assertThat(disputes.contractStatus(funded.contract())).isEqualTo("SPLIT");
        assertThat(escrowExitCause(funded.contract())).isEqualTo("DISPUTE_RESPONSE_WINDOW");
        assertThat(disputes.audits("DISPUTE_RESOLVED", dispute)).isEqualTo(1);
        assertThat(events.about(DisputeResolved.class, dispute))
                .containsExactly(new DisputeResolved(
                        dispute,
                        funded.contract(),
                        funded.homeowner().userId(),
                        funded.contractor().userId(),
                        DisputeOutcome.SPLIT,
                        new Money(70_000, "USD"),
                        false));

        Response read = disputes.read(disputes.again(funded.homeowner()), dispute);
        assertThat(read.json().get("resolution").get("byAdmin").asBoolean()).isFalse();
        assertThat(read.json().get("resolution").get("reason").asString())
                .isEqualTo(DisputeResolutions.RESPONSE_WINDOW_REASON);
        Response statement = escrow.statement(disputes.again(funded.contractor()), funded.contract());
        assertThat(statement
                        .json()
                        .get("payouts")
                        .get(0)
                        .get("amount")
                        .get("amountMinor")
                        .asLong())
                .isEqualTo(66_500); // 70,000 less the 5% fee on it
    }

    @Test
    void theRespondentIsRemindedOnceADayBeforeTheWindowCloses() {
        Funded funded = escrow.fundedContract(100_000);
        UUID dispute = disputes.opened(funded.contractor(), funded.contract(), "RELEASE", null);

        clock.advance(Duration.ofDays(4).minusMillis(1));
        poller.fireDue();
        assertThat(events.about(DisputeResponseDue.class, dispute)).isEmpty();

        clock.advance(Duration.ofMillis(1));
        poller.fireDue();
        poller.fireDue();

        assertThat(events.about(DisputeResponseDue.class, dispute))
                .containsExactly(new DisputeResponseDue(
                        dispute, funded.contract(), funded.homeowner().userId(), start.plus(Duration.ofDays(5))));
        assertThat(disputes.audits(DisputeResponseReminder.KIND, dispute)).isEqualTo(1);
        assertThat(disputes.disputeStatus(dispute)).isEqualTo("OPEN");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !withSubject(funded.homeowner(), "Reminder: respond to the dispute")
                        .isEmpty());
        assertThat(withSubject(funded.homeowner(), "Reminder: respond to the dispute"))
                .singleElement()
                .satisfies(message -> assertThat(TestMailServer.textOf(message))
                        .contains("Please respond by " + MESSAGE_TIME.format(start.plus(Duration.ofDays(5))))
                        .contains("http://localhost:5173/disputes/" + dispute));
        assertThat(withSubject(funded.contractor(), "Reminder")).isEmpty();
    }

    @Test
    void aPollerBackAfterTheDeadlineDecidesWithoutALateReminder() {
        Funded funded = escrow.fundedContract(100_000);
        UUID dispute = disputes.opened(funded.contractor(), funded.contract(), "RELEASE", null);

        clock.advance(Duration.ofDays(6)); // the poller was down through the reminder and the deadline
        poller.fireDue();

        assertThat(events.about(DisputeResponseDue.class, dispute)).isEmpty();
        assertThat(disputes.audits(DisputeResponseReminder.KIND, dispute)).isZero();
        assertThat(disputes.disputeStatus(dispute)).isEqualTo("RESOLVED");
    }

    @Test
    void noReminderOnceTheDisputeIsAnsweredOrWithdrawn() {
        Funded answered = escrow.fundedContract(100_000);
        UUID answeredDispute = disputes.opened(answered.homeowner(), answered.contract(), "REFUND", null);
        disputes.responded(answered.contractor(), answeredDispute);
        Funded withdrawn = escrow.fundedContract(100_000);
        UUID withdrawnDispute = disputes.opened(withdrawn.homeowner(), withdrawn.contract(), "REFUND", null);
        assertThat(disputes.withdraw(withdrawn.homeowner(), withdrawnDispute).status())
                .isEqualTo(200);

        clock.advance(Duration.ofDays(4).plusHours(1));
        poller.fireDue();

        for (UUID dispute : new UUID[] {answeredDispute, withdrawnDispute}) {
            assertThat(disputes.timerStatus(DisputeResponseReminder.KIND, dispute))
                    .isEqualTo("CANCELLED");
            assertThat(events.about(DisputeResponseDue.class, dispute)).isEmpty();
            assertThat(disputes.audits(DisputeResponseReminder.KIND, dispute)).isZero();
        }
    }

    @Test
    void anAnsweredDisputeIsLeftForTheAdmin() {
        Funded funded = escrow.fundedContract(100_000);
        UUID dispute = disputes.opened(funded.homeowner(), funded.contract(), "REFUND", null);
        disputes.responded(funded.contractor(), dispute);

        clock.advance(Duration.ofDays(6));
        poller.fireDue();

        assertThat(disputes.disputeStatus(dispute)).isEqualTo("AWAITING_MEDIATION");
        assertThat(disputes.contractStatus(funded.contract())).isEqualTo("DISPUTED");
        assertThat(disputes.escrowStatus(funded.contract())).isEqualTo("HELD");
    }

    @Test
    void aWithdrawnDisputeIsLeftAlone() {
        Funded funded = escrow.fundedContract(100_000);
        UUID dispute = disputes.opened(funded.homeowner(), funded.contract(), "REFUND", null);
        assertThat(disputes.withdraw(funded.homeowner(), dispute).status()).isEqualTo(200);

        clock.advance(Duration.ofDays(6));
        poller.fireDue();

        assertThat(disputes.disputeStatus(dispute)).isEqualTo("WITHDRAWN");
        assertThat(disputes.contractStatus(funded.contract())).isEqualTo("FUNDED");
        assertThat(disputes.escrowStatus(funded.contract())).isEqualTo("HELD");
    }

    @Test
    void theClockDoesNothingForADisputeAnsweredAfterItWasClaimed() {
        // The handler is also guarded: a timer left SCHEDULED (here, put back by hand) finds the dispute answered.
        Funded funded = escrow.fundedContract(100_000);
        UUID dispute = disputes.opened(funded.homeowner(), funded.contract(), "REFUND", null);
        disputes.responded(funded.contractor(), dispute);
        db.owner()
                .sql("UPDATE due_timers SET status = 'SCHEDULED' WHERE kind = ? AND subject_id = ?")
                .params(DisputeResolutions.RESPONSE_WINDOW_ENDS, dispute)
                .update();

        clock.advance(Duration.ofDays(6));
        poller.fireDue();

        assertThat(disputes.timerStatus(DisputeResolutions.RESPONSE_WINDOW_ENDS, dispute))
                .isEqualTo("FIRED");
        assertThat(disputes.disputeStatus(dispute)).isEqualTo("AWAITING_MEDIATION");
        assertThat(disputes.escrowStatus(funded.contract())).isEqualTo("HELD");
    }

    private static final DateTimeFormatter MESSAGE_TIME = DateTimeFormatter.ofPattern(
                    "d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private List<MimeMessage> withSubject(TestAccounts.SignedIn user, String prefix) {
        return accounts.mailTo(user.email()).stream()
                .filter(message -> {
                    try {
                        return message.getSubject().startsWith(prefix);
                    } catch (MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    private String escrowExitCause(UUID contract) {
        return db.owner()
                .sql("""
                        SELECT details ->> 'cause' FROM audit_logs
                         WHERE entity_id = ? AND action IN ('ESCROW_RELEASED', 'ESCROW_REFUNDED', 'ESCROW_SPLIT')
                        """)
                .param(contract.toString())
                .query(String.class)
                .single();
    }
}
