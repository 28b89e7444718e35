package com.fairtradeworker.contracts;

import static com.fairtradeworker.support.MarketplaceFixtures.comparable;
import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.ApiClient.Response;
import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.MarketplaceFixtures;
import com.fairtradeworker.support.MutableClock;
import com.fairtradeworker.support.TestAccounts;
import com.fairtradeworker.support.TestAccounts.SignedIn;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The visibility table's "contract" row: its two parties and admins; nobody else, and they see a missing contract. */
@IntegrationTest
class ContractVisibilityTableTest {

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Autowired
    DatabaseRoles db;

    @Autowired
    MutableClock clock;

    @Test
    void partiesAndAdminsSeeAContractAndNobodyElseLearnsItExists() {
        MarketplaceFixtures market = new MarketplaceFixtures(api, accounts, db, clock);
        SignedIn homeowner = market.homeowner();
        SignedIn contractor = market.contractor();
        SignedIn losingContractor = market.contractor();
        SignedIn otherHomeowner = market.homeowner();
        SignedIn admin = accounts.admin();
        UUID job = market.openJob(homeowner);
        UUID bid = market.bid(contractor, job, 100_000);
        market.bid(losingContractor, job, 90_000);
        UUID contract = market.contract(homeowner, bid);

        for (SignedIn seer : List.of(homeowner, contractor, admin)) {
            Response seen = get("/api/contracts/" + contract, seer);
            assertThat(seen.status()).isEqualTo(200);
            assertThat(seen.json().get("id").asString()).isEqualTo(contract.toString());
        }
        for (SignedIn outsider : List.of(losingContractor, otherHomeowner)) {
            Response refused = get("/api/contracts/" + contract, outsider);
            assertThat(refused.status()).isEqualTo(404);
            assertThat(comparable(refused)).isEqualTo(comparable(get("/api/contracts/" + UUID.randomUUID(), outsider)));
        }
        assertThat(api.get("/api/contracts/" + contract).send().status()).isEqualTo(401);

        assertThat(myContracts(homeowner)).containsExactly(contract.toString());
        assertThat(myContracts(contractor)).containsExactly(contract.toString());
        assertThat(myContracts(losingContractor)).isEmpty();
        assertThat(myContracts(otherHomeowner)).isEmpty();
        assertThat(myContracts(admin)).isEmpty();
        assertThat(api.get("/api/me/contracts").send().status()).isEqualTo(401);
    }

    @Test
    void myContractsArePagedNewestFirst() {
        MarketplaceFixtures market = new MarketplaceFixtures(api, accounts, db, clock);
        SignedIn homeowner = market.homeowner();
        SignedIn contractor = market.contractor();
        List<String> contracts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            UUID job = market.openJob(homeowner);
            contracts.add(
                    0,
                    market.contract(homeowner, market.bid(contractor, job, 10_000 + i))
                            .toString());
        }

        Response first = get("/api/me/contracts?limit=2", contractor);
        Response second = get(
                "/api/me/contracts?limit=2&cursor="
                        + first.json().get("nextCursor").asString(),
                contractor);

        List<String> seen = new ArrayList<>();
        first.json().get("items").forEach(item -> seen.add(item.get("id").asString()));
        second.json().get("items").forEach(item -> seen.add(item.get("id").asString()));
        assertThat(seen).containsExactlyElementsOf(contracts);
        assertThat(second.json().get("nextCursor").isNull()).isTrue();
        assertThat(get("/api/me/contracts?limit=51", contractor).status()).isEqualTo(400);
        assertThat(get(
                                "/api/me/contracts?cursor="
                                        + java.net.URLEncoder.encode(
                                                "' OR '1'='1", java.nio.charset.StandardCharsets.UTF_8),
                                contractor)
                        .status())
                .isEqualTo(400);
    }

    private Response get(String path, SignedIn user) {
        return api.get(path).bearer(user.accessToken()).send();
    }

    private List<String> myContracts(SignedIn user) {
        List<String> ids = new ArrayList<>();
        get("/api/me/contracts", user)
                .json()
                .get("items")
                .forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }
}
