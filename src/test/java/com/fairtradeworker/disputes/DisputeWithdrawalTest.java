package com.fairtradeworker.disputes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.contracts.ContractStatus;
import com.fairtradeworker.disputes.DisputeEvents.DisputeWithdrawn;
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
import com.fairtradeworker.support.TestAccounts.SignedIn;
import com.fairtradeworker.timers.DueTimer;
import com.fairtradeworker.timers.DueTimers;
import com.fairtradeworker.timers.TimerPoller;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The opener withdraws: the contract returns to where it was, the escrow is unfrozen, the response clock stops and
 * the contract's clocks resume with exactly the time they had left. Only the opener may withdraw.
 */
@IntegrationTest
class DisputeWithdrawalTest {

    private static final Duration APPROVAL_WINDOW = Duration.ofDays(14);

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Autowired
    DatabaseRoles db;

    @Autowired
    MutableClock clock;

    @Autowired
    DueTimers timers;

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
    void withdrawalResumesTheApprovalClockWithExactlyTheTimeItHadLeft() {
        Funded funded = escrow.fundedContract(100_000);
        Response submitted = api.post("/api/contracts/" + funded.contract() + "/completion")
                .bearer(funded.contractor().accessToken())
                .json("{\"summary\": \"All tiles laid and grouted.\"}")
                .send();
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        assertThat(approvalTimer(funded.contract()).dueAt()).isEqualTo(start.plus(APPROVAL_WINDOW));

        Duration beforeDispute = Duration.ofDays(3).plusHours(5).plusMillis(123);
        clock.advance(beforeDispute);
        SignedIn homeowner = disputes.again(funded.homeowner());
        UUID dispute = disputes.opened(homeowner, funded.contract(), "REFUND", null);
        Duration left = APPROVAL_WINDOW.minus(beforeDispute);
        assertThat(approvalTimer(funded.contract()))
                .isEqualTo(new DueTimer(ApprovalKinds.WINDOW_ENDS, funded.contract(), null, left));

        // Paused clocks do not run down: days pass (within the response window), nothing fires.
        Duration paused = Duration.ofDays(4).plusHours(23).plusMillis(7);
        clock.advance(paused);
        poller.fireDue();
        assertThat(disputes.contractStatus(funded.contract())).isEqualTo("DISPUTED");
        Instant withdrawnAt = start.plus(beforeDispute).plus(paused);

        Response withdrawn = disputes.withdraw(disputes.again(homeowner), dispute);

        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
        assertThat(withdrawn.json().get("status").asString()).isEqualTo("WITHDRAWN");
        assertThat(disputes.contractStatus(funded.contract())).isEqualTo("COMPLETION_SUBMITTED");
        assertThat(disputes.frozen(funded.contract())).isFalse();
        assertThat(approvalTimer(funded.contract()))
                .isEqualTo(new DueTimer(ApprovalKinds.WINDOW_ENDS, funded.contract(), withdrawnAt.plus(left), null));
        assertThat(disputes.timerStatus(DisputeResolutions.RESPONSE_WINDOW_ENDS, dispute))
                .isEqualTo("CANCELLED");
        assertThat(events.about(DisputeWithdrawn.class, dispute))
                .containsExactly(new DisputeWithdrawn(
                        dispute,
                        funded.contract(),
                        funded.homeowner().userId(),
                        funded.contractor().userId(),
                        ContractStatus.COMPLETION_SUBMITTED));
        assertThat(disputes.audits("DISPUTE_WITHDRAWN", dispute)).isEqualTo(1);
        assertThat(disputes.audits("ESCROW_UNFROZEN", funded.contract())).isEqualTo(1);

        // ... and it fires exactly then: one millisecond early nothing happens, on time the work is approved.
        clock.advance(left.minusMillis(1));
        poller.fireDue();
        assertThat(disputes.contractStatus(funded.contract())).isEqualTo("COMPLETION_SUBMITTED");
        clock.advance(Duration.ofMillis(1));
        poller.fireDue();
        assertThat(disputes.contractStatus(funded.contract())).isEqualTo("RELEASED");
    }

    @Test
    void aDisputeOpenedOnAFundedContractReturnsItToFunded() {
        Funded funded = escrow.fundedContract(100_000);
        UUID dispute = disputes.opened(funded.contractor(), funded.contract(), "RELEASE", null);
        disputes.responded(funded.homeowner(), dispute);

        Response withdrawn = disputes.withdraw(funded.contractor(), dispute);

        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
        assertThat(disputes.contractStatus(funded.contract())).isEqualTo("FUNDED");
        assertThat(disputes.escrowStatus(funded.contract())).isEqualTo("HELD");
        assertThat(disputes.frozen(funded.contract())).isFalse();
        // A new dispute may open once the old one is withdrawn.
        assertThat(disputes.open(funded.homeowner(), funded.contract(), DisputeFixtures.openJson("REFUND", null))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void onlyTheOpenerWithdrawsAndOnlyOnce() {
        Funded funded = escrow.fundedContract(100_000);
        UUID dispute = disputes.opened(funded.homeowner(), funded.contract(), "REFUND", null);

        Response byOtherParty = disputes.withdraw(funded.contractor(), dispute);
        Response byStranger = disputes.withdraw(market.homeowner(), dispute);
        Response byOpener = disputes.withdraw(funded.homeowner(), dispute);
        Response again = disputes.withdraw(funded.homeowner(), dispute);

        assertThat(byOtherParty.status()).isEqualTo(403);
        assertThat(byStranger.status()).isEqualTo(404);
        assertThat(byOpener.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("status").asString()).isEqualTo("WITHDRAWN");
        assertThat(disputes.audits("DISPUTE_WITHDRAWN", dispute)).isEqualTo(1);
    }

    private DueTimer approvalTimer(UUID contract) {
        return timers.find(ApprovalKinds.WINDOW_ENDS, contract).orElseThrow();
    }
}
