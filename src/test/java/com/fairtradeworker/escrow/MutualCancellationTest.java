package com.fairtradeworker.escrow;

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
import com.fairtradeworker.support.TestAccounts.SignedIn;
import com.fairtradeworker.timers.TimerPoller;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** FUNDED -> REFUNDED by agreement: one party proposes, the other accepts, the whole escrow goes back without a fee. */
@IntegrationTest
class MutualCancellationTest {

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

    MarketplaceFixtures market;
    EscrowFixtures escrow;
    Funded funded;

    @BeforeEach
    void fundedContract() {
        market = new MarketplaceFixtures(api, accounts, db, clock);
        escrow = new EscrowFixtures(api, market);
        funded = escrow.fundedContract(80_000);
    }

    @AfterEach
    void moneyInvariantsHold() {
        new LedgerInvariants(db).assertHold();
    }

    @Test
    void theOtherPartyAcceptsAndTheWholeEscrowIsRefundedWithoutAFee() {
        Response proposed = propose(funded.contractor());
        Response accepted = accept(funded.homeowner(), "accept-1");

        assertThat(proposed.status()).isEqualTo(200);
        assertThat(proposed.json().get("proposedBy").asString())
                .isEqualTo(funded.contractor().userId().toString());
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().get("outcome").asString()).isEqualTo("REFUNDED");
        assertThat(accepted.json().get("refunded").get("amountMinor").asLong()).isEqualTo(80_000);
        assertThat(accepted.json().get("platformFee").get("amountMinor").asLong())
                .isZero();
        assertThat(market.jobStatus(funded.job())).isEqualTo("CANCELLED");

        timers.fireDue();
        JsonNode statement =
                escrow.statement(funded.homeowner(), funded.contract()).json();
        assertThat(statement.get("contractStatus").asString()).isEqualTo("REFUNDED");
        assertThat(statement.get("escrow").get("status").asString()).isEqualTo("REFUNDED");
        assertThat(statement.get("movements").get(1).get("kind").asString()).isEqualTo("REFUND");
        assertThat(statement
                        .get("movements")
                        .get(1)
                        .get("payerReceives")
                        .get("amountMinor")
                        .asLong())
                .isEqualTo(80_000);
        assertThat(statement
                        .get("movements")
                        .get(1)
                        .get("heldAfter")
                        .get("amountMinor")
                        .asLong())
                .isZero();
        assertThat(statement.get("refunds").get(0).get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(statement.get("payments").get(0).get("status").asString()).isEqualTo("REFUNDED");
        assertThat(statement.get("payouts")).isEmpty();
    }

    @Test
    void theProposerCannotAcceptTheirOwnProposalAndStrangersSeeNothing() {
        propose(funded.homeowner());

        Response ownAcceptance = accept(funded.homeowner(), "own");
        Response stranger = accept(market.contractor(), "stranger");
        Response strangerProposal = api.post("/api/contracts/" + funded.contract() + "/cancellation-proposal")
                .bearer(market.homeowner().accessToken())
                .send();

        assertThat(ownAcceptance.status()).isEqualTo(409);
        assertThat(stranger.status()).isEqualTo(404);
        assertThat(strangerProposal.status()).isEqualTo(404);
        assertThat(escrowStatus()).isEqualTo("HELD");
    }

    @Test
    void acceptingWithoutAProposalOrAfterItWasWithdrawnIsRefused() {
        Response withoutProposal = accept(funded.contractor(), "none");
        propose(funded.homeowner());
        Response withdrawnByOther = api.delete("/api/contracts/" + funded.contract() + "/cancellation-proposal")
                .bearer(funded.contractor().accessToken())
                .send();
        Response withdrawn = api.delete("/api/contracts/" + funded.contract() + "/cancellation-proposal")
                .bearer(funded.homeowner().accessToken())
                .send();
        Response afterWithdrawal = accept(funded.contractor(), "after");

        assertThat(withoutProposal.status()).isEqualTo(409);
        assertThat(withdrawnByOther.status()).isEqualTo(404);
        assertThat(withdrawn.status()).isEqualTo(204);
        assertThat(afterWithdrawal.status()).isEqualTo(409);
        assertThat(escrowStatus()).isEqualTo("HELD");
    }

    @Test
    void acceptanceNeedsAnIdempotencyKeyAndReplaysItsFirstAnswer() {
        propose(funded.contractor());

        Response missing = accept(funded.homeowner(), null);
        Response first = accept(funded.homeowner(), "twice");
        Response replay = accept(funded.homeowner(), "twice");

        assertThat(missing.status()).isEqualTo(400);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(db.owner()
                        .sql("SELECT count(*) FROM transactions WHERE contract_id = ? AND kind = 'REFUND'")
                        .param(funded.contract())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    private Response propose(SignedIn party) {
        return api.post("/api/contracts/" + funded.contract() + "/cancellation-proposal")
                .bearer(party.accessToken())
                .send();
    }

    private Response accept(SignedIn party, String key) {
        ApiClient.Request request = api.post("/api/contracts/" + funded.contract() + "/cancellation-proposal/accept")
                .bearer(party.accessToken());
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.send();
    }

    private String escrowStatus() {
        return escrow.statement(funded.homeowner(), funded.contract())
                .json()
                .get("escrow")
                .get("status")
                .asString();
    }
}
