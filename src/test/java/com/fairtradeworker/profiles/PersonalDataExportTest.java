package com.fairtradeworker.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.profiles.MarketplaceRows.Deal;
import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.ApiClient.Response;
import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.TestAccounts;
import com.fairtradeworker.support.TestAccounts.SignedIn;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class PersonalDataExportTest {

    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Autowired
    DatabaseRoles db;

    @Test
    void theExportHoldsAccountProfilesJobsBidsContractsStatementsReviewsAndSessions() {
        SignedIn homeowner = accounts.verifiedUser("HOMEOWNER");
        SignedIn contractor = accounts.verifiedUser("CONTRACTOR");
        new ProfileSteps(api)
                .saveContractorProfile(
                        contractor, ProfileRequests.completeContractorProfile(TODAY.plusYears(1), TODAY.plusYears(1)));
        assertThat(api.put("/api/me/homeowner-profile")
                        .bearer(homeowner.accessToken())
                        .json(ProfileRequests.homeownerProfile().toString())
                        .send()
                        .status())
                .isEqualTo(200);
        MarketplaceRows rows = new MarketplaceRows(db.owner());
        Deal deal = rows.deal(homeowner.userId(), contractor.userId(), "RELEASED");
        rows.review(deal.contractId(), contractor.userId(), homeowner.userId(), "Clear instructions, paid promptly.");
        rows.review(deal.contractId(), homeowner.userId(), contractor.userId(), "Tidy work.");
        rows.resolvedDispute(deal.contractId(), homeowner.userId(), contractor.userId());

        Response response = api.get("/api/me/personal-data")
                .bearer(contractor.accessToken())
                .send();

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("Content-Disposition")).startsWith("attachment");
        JsonNode export = response.json();
        assertThat(export.get("account").get("email").asString()).isEqualTo(contractor.email());
        assertThat(export.get("account").get("id").asString())
                .isEqualTo(contractor.userId().toString());
        assertThat(export.get("contractorProfile").get("businessName").asString())
                .isEqualTo("Leak Busters Ltd");
        assertThat(export.get("contractorProfile").get("licence").get("number").asString())
                .isEqualTo("PLB-778899");
        assertThat(export.get("homeownerProfile").isNull()).isTrue();
        assertThat(export.get("jobs")).isEmpty();
        JsonNode bid = export.get("bids").get(0);
        assertThat(bid.get("id").asString()).isEqualTo(deal.bidId().toString());
        assertThat(bid.get("amount").get("amountMinor").asLong()).isEqualTo(150000);
        assertThat(bid.get("amount").get("currency").asString()).isEqualTo("XTS");
        assertThat(bid.get("revisions").findValuesAsString("proposal"))
                .containsExactly("Proposal revision 1", "Proposal revision 2");
        JsonNode contract = export.get("contracts").get(0);
        assertThat(contract.get("id").asString()).isEqualTo(deal.contractId().toString());
        assertThat(contract.get("role").asString()).isEqualTo("CONTRACTOR");
        assertThat(contract.get("status").asString()).isEqualTo("RELEASED");
        assertThat(contract.get("acceptedAt").asString()).matches(".*(Z|\\+00:00)$");
        assertThat(export.get("reviewsWritten").findValuesAsString("body"))
                .containsExactly("Clear instructions, paid promptly.");
        assertThat(export.get("disputeStatements").findValuesAsString("body"))
                .containsExactly("The supplier delivered late; fitted the same day.");
        assertThat(export.get("sessions").findValuesAsString("id")).contains(contractor.sessionId());
        assertThat(response.body()).doesNotContain("passwordHash").doesNotContain("argon2");

        JsonNode homeownerExport = api.get("/api/me/personal-data")
                .bearer(homeowner.accessToken())
                .send()
                .json();
        assertThat(homeownerExport.get("homeownerProfile").get("addressLine").asString())
                .isEqualTo("12 Orchard Lane, Bristol");
        assertThat(homeownerExport.get("account").get("phone").asString()).isEqualTo("+447700900123");
        assertThat(homeownerExport.get("jobs").get(0).get("addressText").asString())
                .isEqualTo("12 Orchard Lane, Bristol");
        assertThat(homeownerExport.get("bids")).isEmpty();
        assertThat(homeownerExport.get("contracts").get(0).get("role").asString())
                .isEqualTo("HOMEOWNER");
        assertThat(homeownerExport.get("reviewsWritten").findValuesAsString("body"))
                .containsExactly("Tidy work.");
        assertThat(homeownerExport.get("disputeStatements").findValuesAsString("kind"))
                .containsExactly("OPENING");

        assertThat(db.owner()
                        .sql("SELECT count(*) FROM audit_logs WHERE action = 'PERSONAL_DATA_EXPORTED' AND actor_id = ?")
                        .param(contractor.userId())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void nobodyElsesDataIsInAnExport() {
        SignedIn homeowner = accounts.verifiedUser("HOMEOWNER");
        SignedIn contractor = accounts.verifiedUser("CONTRACTOR");
        new MarketplaceRows(db.owner()).deal(homeowner.userId(), contractor.userId(), "PENDING_FUNDING");
        SignedIn stranger = accounts.verifiedUser("CONTRACTOR");

        JsonNode export = api.get("/api/me/personal-data")
                .bearer(stranger.accessToken())
                .send()
                .json();

        assertThat(export.get("jobs")).isEmpty();
        assertThat(export.get("bids")).isEmpty();
        assertThat(export.get("contracts")).isEmpty();
        assertThat(export.toString()).doesNotContain(homeowner.email()).doesNotContain(contractor.email());
        assertThat(api.get("/api/me/personal-data").send().status()).isEqualTo(401);
    }
}
