package com.fairtradeworker.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.support.TestAccounts.SignedIn;
import java.util.UUID;

/** Contracts with money in them, through the API, for escrow, completion and dispute tests. */
public final class EscrowFixtures {

    /** A funded contract and its parties. */
    public record Funded(SignedIn homeowner, SignedIn contractor, UUID job, UUID contract) {}

    private final ApiClient api;
    private final MarketplaceFixtures market;

    public EscrowFixtures(ApiClient api, MarketplaceFixtures market) {
        this.api = api;
        this.market = market;
    }

    /** A contract waiting for funding (amount in cents, USD, the default 5% fee). */
    public Funded pendingContract(long amountMinor) {
        SignedIn homeowner = market.homeowner();
        SignedIn contractor = market.contractor();
        UUID job = market.openJob(homeowner);
        UUID contract = market.contract(homeowner, market.bid(contractor, job, amountMinor));
        return new Funded(homeowner, contractor, job, contract);
    }

    public Funded fundedContract(long amountMinor) {
        Funded pending = pendingContract(amountMinor);
        ApiClient.Response funded =
                fund(pending.homeowner(), pending.contract(), UUID.randomUUID().toString());
        assertThat(funded.status()).as("fund: %s", funded.body()).isEqualTo(200);
        return pending;
    }

    public ApiClient.Response fund(SignedIn homeowner, UUID contract, String idempotencyKey) {
        ApiClient.Request request =
                api.post("/api/contracts/" + contract + "/fund").bearer(homeowner.accessToken());
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.send();
    }

    public ApiClient.Response statement(SignedIn user, UUID contract) {
        return api.get("/api/contracts/" + contract + "/escrow")
                .bearer(user.accessToken())
                .send();
    }
}
