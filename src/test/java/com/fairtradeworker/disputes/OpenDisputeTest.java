package com.fairtradeworker.disputes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fairtradeworker.disputes.DisputeEvents.DisputeOpened;
import com.fairtradeworker.escrow.EscrowApi;
import com.fairtradeworker.escrow.ExitCause;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
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
import com.fairtradeworker.timers.DueTimer;
import com.fairtradeworker.timers.DueTimers;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opening a dispute: in one transaction the dispute is OPEN with its response clock, the contract DISPUTED, its
 * escrow frozen (no release or refund gets through) and its clocks paused; one open dispute per contract.
 */
@IntegrationTest
class OpenDisputeTest {

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Autowired
    DatabaseRoles db;

    @Autowired
    MutableClock clock;

    @Autowired
    EscrowApi escrowApi;

    @Autowired
    DueTimers timers;

    @Autowired
    TransactionTemplate transactions;

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
    void openingFreezesTheEscrowDisputesTheContractAndStartsTheResponseClock() {
        Funded funded = escrow.fundedContract(100_000);

        Response opened =
                disputes.open(funded.contractor(), funded.contract(), DisputeFixtures.openJson("RELEASE", null));

        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        UUID dispute = UUID.fromString(opened.json().get("id").asString());
        assertThat(opened.header("Location")).isEqualTo("/api/disputes/" + dispute);
        assertThat(opened.json().get("status").asString()).isEqualTo("OPEN");
        assertThat(opened.json().get("openedBySide").asString()).isEqualTo("CONTRACTOR");
        assertThat(opened.json().get("reason").asString()).isEqualTo("POOR_QUALITY");
        assertThat(Instant.parse(opened.json().get("responseDueAt").asString()))
                .isEqualTo(start.plus(Duration.ofDays(5)));
        assertThat(disputes.contractStatus(funded.contract())).isEqualTo("DISPUTED");
        assertThat(disputes.frozen(funded.contract())).isTrue();
        assertThat(timers.find(DisputeResolutions.RESPONSE_WINDOW_ENDS, dispute))
                .contains(new DueTimer(
                        DisputeResolutions.RESPONSE_WINDOW_ENDS, dispute, start.plus(Duration.ofDays(5)), null));
        assertThat(disputes.audits("DISPUTE_OPENED", dispute)).isEqualTo(1);
        assertThat(disputes.audits("CONTRACT_DISPUTED", funded.contract())).isEqualTo(1);
        assertThat(disputes.audits("ESCROW_FROZEN", funded.contract())).isEqualTo(1);
        assertThat(events.about(DisputeOpened.class, dispute))
                .containsExactly(new DisputeOpened(
                        dispute,
                        funded.contract(),
                        funded.contractor().userId(),
                        funded.homeowner().userId(),
                        DisputeReason.POOR_QUALITY,
                        DisputeOutcome.RELEASE,
                        start.plus(Duration.ofDays(5))));
    }

    @Test
    void whileFrozenNeitherAReleaseNorAMutualCancellationMovesTheMoney() {
        Funded funded = escrow.fundedContract(100_000);
        Response proposed = api.post("/api/contracts/" + funded.contract() + "/cancellation-proposal")
                .bearer(funded.homeowner().accessToken())
                .send();
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(200);
        disputes.opened(funded.homeowner(), funded.contract(), "REFUND", null);

        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> escrowApi.release(
                        funded.contract(),
                        ExitCause.APPROVAL,
                        funded.homeowner().userId())))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        refused -> assertThat(refused.type()).isEqualTo(ProblemType.STATE_CONFLICT));
        Response accept = api.post("/api/contracts/" + funded.contract() + "/cancellation-proposal/accept")
                .bearer(funded.contractor().accessToken())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .send();

        assertThat(accept.status()).as(accept.body()).isEqualTo(409);
        assertThat(disputes.escrowStatus(funded.contract())).isEqualTo("HELD");
        assertThat(disputes.contractStatus(funded.contract())).isEqualTo("DISPUTED");
        Response statement = escrow.statement(funded.homeowner(), funded.contract());
        assertThat(statement.json().get("movements")).hasSize(1);
        assertThat(statement.json().get("escrow").get("frozen").asBoolean()).isTrue();
    }

    @Test
    void theFreezeAloneRefusesAnExitThatIsNotTheDisputesOwn() {
        Funded funded = escrow.fundedContract(100_000);
        disputes.opened(funded.homeowner(), funded.contract(), "REFUND", null);
        // The contract's own state guard is bypassed by hand, so only the escrow's freeze stands in the way.
        db.owner()
                .sql("UPDATE bid_contracts SET status = 'FUNDED' WHERE id = ?")
                .param(funded.contract())
                .update();

        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> escrowApi.refund(
                        funded.contract(),
                        ExitCause.MUTUAL_CANCELLATION,
                        funded.contractor().userId())))
                .isInstanceOfSatisfying(ProblemException.class, refused -> {
                    assertThat(refused.type()).isEqualTo(ProblemType.STATE_CONFLICT);
                    assertThat(refused.properties()).containsEntry("frozen", true);
                });
        assertThat(disputes.escrowStatus(funded.contract())).isEqualTo("HELD");
        // Put the contract back as the dispute left it, so its response clock can still end it properly later.
        db.owner()
                .sql("UPDATE bid_contracts SET status = 'DISPUTED' WHERE id = ?")
                .param(funded.contract())
                .update();
    }

    @Test
    void aSecondDisputeOnTheSameContractIsRefused() {
        Funded funded = escrow.fundedContract(100_000);
        UUID first = disputes.opened(funded.homeowner(), funded.contract(), "REFUND", null);

        Response byOther =
                disputes.open(funded.contractor(), funded.contract(), DisputeFixtures.openJson("RELEASE", null));
        Response again = disputes.open(funded.homeowner(), funded.contract(), DisputeFixtures.openJson("REFUND", null));

        assertThat(byOther.status()).as(byOther.body()).isEqualTo(409);
        assertThat(byOther.json().get("disputeId").asString()).isEqualTo(first.toString());
        assertThat(again.status()).isEqualTo(409);
        assertThat(openDisputes(funded.contract())).isEqualTo(1);
    }

    @Test
    void onlyAFundedContractCanBeDisputed() {
        Funded pending = escrow.pendingContract(100_000);

        Response refused =
                disputes.open(pending.homeowner(), pending.contract(), DisputeFixtures.openJson("REFUND", null));

        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.json().get("status").asString()).isEqualTo("PENDING_FUNDING");
        assertThat(openDisputes(pending.contract())).isZero();
    }

    @Test
    void theClaimIsCheckedAndNothingChangesWhenItIsRefused() {
        Funded funded = escrow.fundedContract(100_000);

        Response splitWithoutAmount =
                disputes.open(funded.homeowner(), funded.contract(), DisputeFixtures.openJson("SPLIT", null));
        Response splitOfEverything =
                disputes.open(funded.homeowner(), funded.contract(), DisputeFixtures.openJson("SPLIT", 100_000L));
        Response amountWithoutSplit =
                disputes.open(funded.homeowner(), funded.contract(), DisputeFixtures.openJson("REFUND", 5_000L));
        Response blank = disputes.open(funded.homeowner(), funded.contract(), """
                {"reason": "OTHER", "desiredOutcome": "REFUND", "statement": "   "}""");
        Response tooLong = disputes.open(funded.homeowner(), funded.contract(), """
                {"reason": "OTHER", "desiredOutcome": "REFUND", "statement": "%s"}""".formatted("x".repeat(5_001)));
        Response statusInjected = disputes.open(funded.homeowner(), funded.contract(), """
                {"reason": "OTHER", "desiredOutcome": "REFUND", "statement": "s", "status": "RESOLVED"}""");
        Response unknownReason = disputes.open(funded.homeowner(), funded.contract(), """
                {"reason": "BECAUSE", "desiredOutcome": "REFUND", "statement": "s"}""");

        assertThat(splitWithoutAmount.status()).isEqualTo(400);
        assertThat(splitOfEverything.status()).isEqualTo(400);
        assertThat(amountWithoutSplit.status()).isEqualTo(400);
        assertThat(blank.status()).isEqualTo(400);
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(statusInjected.status()).isEqualTo(400);
        assertThat(unknownReason.status()).isEqualTo(400);
        assertThat(openDisputes(funded.contract())).isZero();
        assertThat(disputes.contractStatus(funded.contract())).isEqualTo("FUNDED");
        assertThat(disputes.frozen(funded.contract())).isFalse();
    }

    @Test
    void statementsAreKeptAsTextNotMarkup() {
        Funded funded = escrow.fundedContract(100_000);
        String payload = "<img src=x onerror=alert('XSS')> ' OR '1'='1";
        Response opened = disputes.open(funded.homeowner(), funded.contract(), """
                {"reason": "OTHER", "desiredOutcome": "REFUND", "statement": "%s"}""".formatted(payload));

        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        assertThat(opened.header("Content-Type")).startsWith("application/json");
        assertThat(opened.json().get("statement").asString()).isEqualTo(payload);
    }

    private long openDisputes(UUID contract) {
        return db.owner()
                .sql("SELECT count(*) FROM disputes WHERE contract_id = ? AND status IN ('OPEN', 'AWAITING_MEDIATION')")
                .param(contract)
                .query(Long.class)
                .single();
    }
}
