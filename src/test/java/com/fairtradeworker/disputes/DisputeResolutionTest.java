package com.fairtradeworker.disputes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.disputes.DisputeEvents.DisputeResolved;
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
import com.fairtradeworker.support.TestAccounts.SignedIn;
import com.fairtradeworker.timers.DueTimers;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * An admin resolves an answered dispute: the escrow moves exactly as the domain guide says (release: fee on all of
 * it; refund: no fee; split: fee on the contractor's part only, the rest back to the payer), once, whatever the
 * retries or the competing admins, and both parties read the written reason.
 */
@IntegrationTest
class DisputeResolutionTest {

    private static final String REASON = "Photos show the grout is missing; half the work needs redoing.";

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
    DisputeEventLog events;

    MarketplaceFixtures market;
    EscrowFixtures escrow;
    DisputeFixtures disputes;
    SignedIn admin;

    @BeforeEach
    void fixtures() {
        market = new MarketplaceFixtures(api, accounts, db, clock);
        escrow = new EscrowFixtures(api, market);
        disputes = new DisputeFixtures(api, accounts, db);
        admin = accounts.admin();
    }

    @AfterEach
    void moneyInvariantsHold() {
        new LedgerInvariants(db).assertHold();
    }

    @Test
    void releaseGivesTheContractorEverythingLessTheFeeOnAllOfIt() {
        Funded funded = escrow.fundedContract(100_000);
        UUID dispute = answeredDispute(funded, "REFUND", null);

        Response resolved =
                disputes.resolve(admin, dispute, "k-release", DisputeFixtures.resolutionJson("RELEASE", null, REASON));

        assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
        assertThat(resolved.json().get("dispute").get("status").asString()).isEqualTo("RESOLVED");
        assertThat(resolved.json().get("resolvedBy").asString())
                .isEqualTo(admin.userId().toString());
        assertThat(resolved.json().get("contract").get("status").asString()).isEqualTo("RELEASED");
        assertThat(resolved.json().get("escrow").get("status").asString()).isEqualTo("RELEASED");
        JsonNode exit = exitMovement(funded, "RELEASE");
        assertThat(amount(exit, "amount")).isEqualTo(100_000);
        assertThat(amount(exit, "platformFee")).isEqualTo(5_000);
        assertThat(amount(exit, "contractorReceives")).isEqualTo(95_000);
        assertThat(amount(exit, "payerReceives")).isZero();
        assertThat(amount(exit, "heldAfter")).isZero();
        assertThat(amounts(funded, "payouts")).containsExactly(95_000L);
        assertThat(amounts(funded, "refunds")).isEmpty();
        assertThat(market.jobStatus(funded.job())).isEqualTo("COMPLETED");
        assertThat(events.about(DisputeResolved.class, dispute))
                .containsExactly(new DisputeResolved(
                        dispute,
                        funded.contract(),
                        funded.homeowner().userId(),
                        funded.contractor().userId(),
                        DisputeOutcome.RELEASE,
                        new Money(100_000, "USD"),
                        true));
    }

    @Test
    void refundGivesThePayerEverythingWithoutAFee() {
        Funded funded = escrow.fundedContract(100_000);
        UUID dispute = answeredDispute(funded, "REFUND", null);

        Response resolved =
                disputes.resolve(admin, dispute, "k-refund", DisputeFixtures.resolutionJson("REFUND", null, REASON));

        assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
        assertThat(resolved.json().get("contract").get("status").asString()).isEqualTo("REFUNDED");
        JsonNode exit = exitMovement(funded, "REFUND");
        assertThat(amount(exit, "amount")).isEqualTo(100_000);
        assertThat(amount(exit, "platformFee")).isZero();
        assertThat(amount(exit, "contractorReceives")).isZero();
        assertThat(amount(exit, "payerReceives")).isEqualTo(100_000);
        assertThat(amounts(funded, "payouts")).isEmpty();
        assertThat(amounts(funded, "refunds")).containsExactly(100_000L);
        assertThat(market.jobStatus(funded.job())).isEqualTo("CANCELLED");
    }

    @Test
    void splitChargesTheFeeOnlyOnTheContractorsPartAndRefundsTheRest() {
        Funded funded = escrow.fundedContract(100_000);
        UUID dispute = answeredDispute(funded, "SPLIT", 70_000L);

        Response resolved =
                disputes.resolve(admin, dispute, "k-split", DisputeFixtures.resolutionJson("SPLIT", 40_000L, REASON));

        assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
        assertThat(resolved.json().get("contract").get("status").asString()).isEqualTo("SPLIT");
        JsonNode exit = exitMovement(funded, "SPLIT");
        assertThat(amount(exit, "amount")).isEqualTo(100_000);
        assertThat(amount(exit, "platformFee")).isEqualTo(2_000);
        assertThat(amount(exit, "contractorReceives")).isEqualTo(38_000);
        assertThat(amount(exit, "payerReceives")).isEqualTo(60_000);
        assertThat(amounts(funded, "payouts")).containsExactly(38_000L);
        assertThat(amounts(funded, "refunds")).containsExactly(60_000L);
        JsonNode resolution = resolved.json().get("dispute").get("resolution");
        assertThat(resolution.get("outcome").asString()).isEqualTo("SPLIT");
        assertThat(amount(resolution, "splitToContractor")).isEqualTo(40_000);
    }

    @Test
    void bothPartiesReadTheWrittenReason() {
        Funded funded = escrow.fundedContract(100_000);
        UUID dispute = answeredDispute(funded, "REFUND", null);
        disputes.resolve(admin, dispute, "k-read", DisputeFixtures.resolutionJson("REFUND", null, REASON));

        for (SignedIn party : List.of(funded.homeowner(), funded.contractor())) {
            Response read = disputes.read(party, dispute);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.json().get("status").asString()).isEqualTo("RESOLVED");
            assertThat(read.json().get("resolution").get("reason").asString()).isEqualTo(REASON);
            assertThat(read.json().get("resolution").get("byAdmin").asBoolean()).isTrue();
            assertThat(read.json().has("resolvedBy")).isFalse();
            Response list = disputes.ofContract(party, funded.contract());
            assertThat(list.json()
                            .get("items")
                            .get(0)
                            .get("resolution")
                            .get("reason")
                            .asString())
                    .isEqualTo(REASON);
        }
        assertThat(disputes.audits("DISPUTE_RESOLVED", dispute)).isEqualTo(1);
    }

    @Test
    void aRetryWithTheSameKeyReplaysTheAnswerAndMovesNoMoney() {
        Funded funded = escrow.fundedContract(100_000);
        UUID dispute = answeredDispute(funded, "REFUND", null);
        String body = DisputeFixtures.resolutionJson("RELEASE", null, REASON);

        Response first = disputes.resolve(admin, dispute, "same-key", body);
        Response replay = disputes.resolve(admin, dispute, "same-key", body);
        Response otherBody =
                disputes.resolve(admin, dispute, "same-key", DisputeFixtures.resolutionJson("REFUND", null, REASON));
        Response otherKey = disputes.resolve(admin, dispute, "another-key", body);
        Response noKey = disputes.resolve(admin, dispute, null, body);

        assertThat(first.status()).isEqualTo(200);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(otherBody.status()).isEqualTo(422);
        assertThat(otherKey.status()).isEqualTo(409);
        assertThat(otherKey.json().get("status").asString()).isEqualTo("RESOLVED");
        assertThat(noKey.status()).isEqualTo(400);
        assertThat(exits(funded.contract())).isEqualTo(1);
        assertThat(disputes.audits("DISPUTE_RESOLVED", dispute)).isEqualTo(1);
    }

    @Test
    void twoAdminsResolvingAtOnceMoveTheMoneyOnce() throws Exception {
        Funded funded = escrow.fundedContract(100_000);
        UUID dispute = answeredDispute(funded, "REFUND", null);
        SignedIn secondAdmin = accounts.admin();

        List<Response> answers = race(
                () -> disputes.resolve(
                        admin, dispute, "admin-1", DisputeFixtures.resolutionJson("RELEASE", null, REASON)),
                () -> disputes.resolve(
                        secondAdmin, dispute, "admin-2", DisputeFixtures.resolutionJson("REFUND", null, REASON)));

        assertThat(answers).extracting(Response::status).containsExactlyInAnyOrder(200, 409);
        assertThat(exits(funded.contract())).isEqualTo(1);
        assertThat(disputes.audits("DISPUTE_RESOLVED", dispute)).isEqualTo(1);
        String outcome = db.owner()
                .sql("SELECT resolution FROM disputes WHERE id = ?")
                .param(dispute)
                .query(String.class)
                .single();
        assertThat(disputes.contractStatus(funded.contract()))
                .isEqualTo(outcome.equals("RELEASE") ? "RELEASED" : "REFUNDED");
    }

    @Test
    void anUnansweredDisputeWaitsForItsResponseClockAndADecidedOneStaysDecided() {
        Funded funded = escrow.fundedContract(100_000);
        UUID dispute = disputes.opened(funded.homeowner(), funded.contract(), "REFUND", null);

        Response early =
                disputes.resolve(admin, dispute, "k-early", DisputeFixtures.resolutionJson("REFUND", null, REASON));
        disputes.responded(funded.contractor(), dispute);
        Response decided =
                disputes.resolve(admin, dispute, "k-decided", DisputeFixtures.resolutionJson("REFUND", null, REASON));
        Response withdraw = disputes.withdraw(funded.homeowner(), dispute);
        Response statement = disputes.statement(funded.contractor(), dispute, "One more thing.");

        assertThat(early.status()).as(early.body()).isEqualTo(409);
        assertThat(early.json().get("status").asString()).isEqualTo("OPEN");
        assertThat(decided.status()).isEqualTo(200);
        assertThat(withdraw.status()).isEqualTo(409);
        assertThat(statement.status()).isEqualTo(409);
        assertThat(disputes.timerStatus(DisputeResolutions.RESPONSE_WINDOW_ENDS, dispute))
                .isEqualTo("CANCELLED");
    }

    @Test
    void theResolutionIsChecked() {
        Funded funded = escrow.fundedContract(100_000);
        UUID dispute = answeredDispute(funded, "REFUND", null);

        Response splitTooLarge =
                disputes.resolve(admin, dispute, "k1", DisputeFixtures.resolutionJson("SPLIT", 100_000L, REASON));
        Response splitMissing =
                disputes.resolve(admin, dispute, "k2", DisputeFixtures.resolutionJson("SPLIT", null, REASON));
        Response noReason = disputes.resolve(admin, dispute, "k3", DisputeFixtures.resolutionJson("RELEASE", null, ""));
        Response longReason = disputes.resolve(
                admin, dispute, "k4", DisputeFixtures.resolutionJson("RELEASE", null, "x".repeat(2_001)));

        assertThat(List.of(splitTooLarge, splitMissing, noReason, longReason))
                .extracting(Response::status)
                .containsOnly(400);
        assertThat(disputes.disputeStatus(dispute)).isEqualTo("AWAITING_MEDIATION");
        assertThat(exits(funded.contract())).isZero();
    }

    @Test
    void aPausedApprovalClockIsCancelledWithTheResolutionAndNeverFires() {
        Funded funded = escrow.fundedContract(100_000);
        Response submitted = api.post("/api/contracts/" + funded.contract() + "/completion")
                .bearer(funded.contractor().accessToken())
                .json("{\"summary\": \"All tiles laid.\"}")
                .send();
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        UUID dispute = answeredDispute(funded, "REFUND", null);
        assertThat(disputes.timerStatus(ApprovalKinds.WINDOW_ENDS, funded.contract()))
                .isEqualTo("PAUSED");

        Response resolved =
                disputes.resolve(admin, dispute, "k-paused", DisputeFixtures.resolutionJson("REFUND", null, REASON));

        assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
        assertThat(disputes.timerStatus(ApprovalKinds.WINDOW_ENDS, funded.contract()))
                .isEqualTo("CANCELLED");
        assertThat(timers.live(funded.contract())).noneMatch(timer -> timer.paused());
    }

    private UUID answeredDispute(Funded funded, String desired, Long split) {
        UUID dispute = disputes.opened(funded.homeowner(), funded.contract(), desired, split);
        disputes.responded(funded.contractor(), dispute);
        return dispute;
    }

    private JsonNode exitMovement(Funded funded, String kind) {
        Response statement = escrow.statement(funded.homeowner(), funded.contract());
        assertThat(statement.status()).isEqualTo(200);
        List<JsonNode> exits = new ArrayList<>();
        statement.json().get("movements").forEach(movement -> {
            if (!movement.get("kind").asString().equals("FUND")
                    && !movement.get("kind").asString().equals("PAYOUT")) {
                exits.add(movement);
            }
        });
        assertThat(exits).hasSize(1);
        assertThat(exits.get(0).get("kind").asString()).isEqualTo(kind);
        return exits.get(0);
    }

    private List<Long> amounts(Funded funded, String list) {
        List<Long> amounts = new ArrayList<>();
        escrow.statement(funded.contractor(), funded.contract())
                .json()
                .get(list)
                .forEach(item -> amounts.add(amount(item, "amount")));
        return amounts;
    }

    private static long amount(JsonNode node, String field) {
        return node.get(field).get("amountMinor").asLong();
    }

    private long exits(UUID contract) {
        return db.owner()
                .sql(
                        "SELECT count(*) FROM transactions WHERE contract_id = ? AND kind IN ('RELEASE', 'REFUND', 'SPLIT')")
                .param(contract)
                .query(Long.class)
                .single();
    }

    @SafeVarargs
    private static List<Response> race(Callable<Response>... requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests.length);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (Callable<Response> request : requests) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return request.call();
                }));
            }
            go.countDown();
            List<Response> answers = new ArrayList<>();
            for (Future<Response> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
