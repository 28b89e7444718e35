package com.fairtradeworker.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.shared.TradeTaxonomy;
import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.ApiClient.Response;
import com.fairtradeworker.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class TradesTest {

    @Autowired
    ApiClient api;

    @Test
    void anyoneReadsTheTaxonomyWithParentsBeforeSubTrades() {
        Response response = api.get("/api/trades").send();

        assertThat(response.status()).isEqualTo(200);
        JsonNode trades = response.json();
        assertThat(trades).hasSize(TradeTaxonomy.all().size());
        JsonNode waterHeaters = trades.valueStream()
                .filter(trade -> trade.get("code").asString().equals("plumbing.water_heaters"))
                .findFirst()
                .orElseThrow();
        assertThat(waterHeaters.get("displayName").asString()).isEqualTo("Water heaters");
        assertThat(waterHeaters.get("parentCode").asString()).isEqualTo("plumbing");
        assertThat(trades.get(0).get("parentCode").isNull()).isTrue();
    }
}
