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
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The homeowner funds escrow: HELD only on the provider's success, the contract FUNDED and the job started with it. */
@IntegrationTest
class FundingTest {

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Autowired
    DatabaseRoles db;

    @Autowired
    MutableClock clock;

    MarketplaceFixtures market;
    EscrowFixtures escrow;
    Funded pending;

    @BeforeEach
    void contractWaitingForFunding() {
        market = new MarketplaceFixtures(api, accounts, db, clock);
        escrow = new EscrowFixtures(api, market);
        pending = escrow.pendingContract(150_000);
    }

    @AfterEach
    void moneyInvariantsHold() {
        new LedgerInvariants(db).assertHold();
    }

    @Test
    void fundingHoldsTheMoneyFundsTheContractAndStartsTheJob() {
        Response funded = escrow.fund(pending.homeowner(), pending.contract(), "fund-1");

        assertThat(funded.status()).as(funded.body()).isEqualTo(200);
        assertThat(funded.json().get("provider").asString()).isEqualTo("SIMULATED");
        assertThat(funded.json().get("simulated").asBoolean()).isTrue();
        assertThat(funded.json().get("payment").get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(funded.json().get("contractStatus").asString()).isEqualTo("FUNDED");
        assertThat(funded.json().get("escrow").get("status").asString()).isEqualTo("HELD");
        assertThat(funded.json().get("escrow").get("held").get("amountMinor").asLong())
                .isEqualTo(150_000);
        assertThat(market.jobStatus(pending.job())).isEqualTo("IN_PROGRESS");

        Response statement = escrow.statement(pending.contractor(), pending.contract());
        assertThat(statement.status()).isEqualTo(200);
        assertThat(statement.json().get("movements")).hasSize(1);
        assertThat(statement.json().get("movements").get(0).get("kind").asString())
                .isEqualTo("FUND");
        assertThat(statement
                        .json()
                        .get("movements")
                        .get(0)
                        .get("heldAfter")
                        .get("amountMinor")
                        .asLong())
                .isEqualTo(150_000);
        assertThat(statement
                        .json()
                        .get("platformFeeIfReleased")
                        .get("amountMinor")
                        .asLong())
                .isEqualTo(7_500);
    }

    @Test
    void aRetryWithTheSameKeyReplaysTheFirstAnswerAndAnotherKeyFindsTheContractFunded() {
        Response first = escrow.fund(pending.homeowner(), pending.contract(), "same-key");
        Response replay = escrow.fund(pending.homeowner(), pending.contract(), "same-key");
        Response another = escrow.fund(pending.homeowner(), pending.contract(), "another-key");

        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(another.status()).isEqualTo(409);
        assertThat(another.json().get("status").asString()).isEqualTo("FUNDED");
        assertThat(paymentsOf(pending.contract())).isEqualTo(1);
    }

    @Test
    void fundingWithoutAnIdempotencyKeyIsRefused() {
        Response refused = escrow.fund(pending.homeowner(), pending.contract(), null);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("type").asString()).endsWith("/idempotency-key-missing");
        assertThat(paymentsOf(pending.contract())).isZero();
    }

    @Test
    void anotherHomeownersContractIsMissingAndTheContractorCannotFund() {
        Response stranger = escrow.fund(market.homeowner(), pending.contract(), "k1");
        Response contractor = escrow.fund(pending.contractor(), pending.contract(), "k2");
        Response strangersStatement = escrow.statement(market.homeowner(), pending.contract());
        Response otherContractorsStatement = escrow.statement(market.contractor(), pending.contract());

        assertThat(stranger.status()).isEqualTo(404);
        assertThat(contractor.status()).isEqualTo(403);
        assertThat(strangersStatement.status()).isEqualTo(404);
        assertThat(otherContractorsStatement.status()).isEqualTo(404);
        assertThat(paymentsOf(pending.contract())).isZero();
        assertThat(escrow.statement(accounts.admin(), pending.contract()).status())
                .isEqualTo(200);
    }

    @Test
    void aCancelledContractCannotBeFunded() {
        api.post("/api/contracts/" + pending.contract() + "/cancel")
                .bearer(pending.homeowner().accessToken())
                .send();

        Response refused = escrow.fund(pending.homeowner(), pending.contract(), "late");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(paymentsOf(pending.contract())).isZero();
    }

    private int paymentsOf(UUID contract) {
        return db.owner()
                .sql("SELECT count(*) FROM payments WHERE contract_id = ?")
                .param(contract)
                .query(Integer.class)
                .single();
    }
}
