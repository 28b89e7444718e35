package com.fairtradeworker.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.contracts.ContractEvents.CancellationReason;
import com.fairtradeworker.contracts.ContractEvents.ContractCancelled;
import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.ApiClient.Response;
import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.MarketplaceEventLog;
import com.fairtradeworker.support.MarketplaceFixtures;
import com.fairtradeworker.support.MutableClock;
import com.fairtradeworker.support.TestAccounts;
import com.fairtradeworker.support.TestAccounts.SignedIn;
import com.fairtradeworker.timers.DueTimers;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The homeowner cancels a contract that is still waiting for funding; the job is cancelled with it. */
@IntegrationTest
class ContractCancellationTest {

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
    MarketplaceEventLog events;

    MarketplaceFixtures market;
    SignedIn homeowner;
    SignedIn contractor;
    UUID job;
    UUID contract;

    @BeforeEach
    void acceptedBid() {
        market = new MarketplaceFixtures(api, accounts, db, clock);
        homeowner = market.homeowner();
        contractor = market.contractor();
        job = market.openJob(homeowner);
        contract = market.contract(homeowner, market.bid(contractor, job, 100_000));
    }

    @Test
    void theHomeownerCancelsAnUnfundedContractAndTheJobWithIt() {
        Response cancelled = cancel(homeowner);
        Response again = cancel(homeowner);

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.json().get("endedAt").isNull()).isFalse();
        assertThat(market.jobStatus(job)).isEqualTo("CANCELLED");
        assertThat(timers.find(Acceptance.FUNDING_WINDOW_ENDS, contract)).isEmpty();
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(events.about(ContractCancelled.class, contract))
                .containsExactly(new ContractCancelled(contract, job, CancellationReason.HOMEOWNER_CANCELLED));
        assertThat(db.app()
                        .sql("SELECT actor_id FROM audit_logs WHERE action = 'CONTRACT_CANCELLED' AND entity_id = ?")
                        .param(contract.toString())
                        .query(UUID.class)
                        .single())
                .isEqualTo(homeowner.userId());
    }

    @Test
    void aFundedContractCannotBeCancelledThisWay() {
        db.owner()
                .sql("UPDATE bid_contracts SET status = 'FUNDED', funded_at = now() WHERE id = ?")
                .param(contract)
                .update();

        Response refused = cancel(homeowner);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("status").asString()).isEqualTo("FUNDED");
        assertThat(market.jobStatus(job)).isEqualTo("AWARDED");
    }

    @Test
    void onlyTheContractsHomeownerMayCancel() {
        Response byContractor = cancel(contractor);
        Response byOtherHomeowner = cancel(market.homeowner());
        Response byAdmin = cancel(accounts.admin());
        Response anonymous = api.post("/api/contracts/" + contract + "/cancel").send();
        Response missing = api.post("/api/contracts/" + UUID.randomUUID() + "/cancel")
                .bearer(homeowner.accessToken())
                .send();

        assertThat(byContractor.status()).isEqualTo(403);
        assertThat(byOtherHomeowner.status()).isEqualTo(404);
        assertThat(MarketplaceFixtures.comparable(byOtherHomeowner)).isEqualTo(MarketplaceFixtures.comparable(missing));
        assertThat(byAdmin.status()).isEqualTo(403);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(db.app()
                        .sql("SELECT status FROM bid_contracts WHERE id = ?")
                        .param(contract)
                        .query(String.class)
                        .single())
                .isEqualTo("PENDING_FUNDING");
    }

    private Response cancel(SignedIn user) {
        return api.post("/api/contracts/" + contract + "/cancel")
                .bearer(user.accessToken())
                .send();
    }
}
