package com.fairtradeworker.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.ApiClient.Response;
import com.fairtradeworker.support.TestAccounts.SignedIn;
import java.time.LocalDate;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** The HTTP steps profile tests repeat, each asserting that it worked. */
final class ProfileSteps {

    private final ApiClient api;

    ProfileSteps(ApiClient api) {
        this.api = api;
    }

    Response putContractorProfile(SignedIn contractor, JsonNode body) {
        return api.put("/api/me/contractor-profile")
                .bearer(contractor.accessToken())
                .json(body.toString())
                .send();
    }

    JsonNode saveContractorProfile(SignedIn contractor, JsonNode body) {
        Response response = putContractorProfile(contractor, body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    JsonNode submitForVerification(SignedIn contractor, LocalDate licenceExpiresOn, LocalDate insuranceExpiresOn) {
        Response response = api.post("/api/me/contractor-profile/verification")
                .bearer(contractor.accessToken())
                .json(ProfileRequests.submission(licenceExpiresOn, insuranceExpiresOn)
                        .toString())
                .send();
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    Response decide(SignedIn admin, UUID contractorId, String decision, String reason) {
        String body = reason == null
                ? "{\"decision\":\"%s\"}".formatted(decision)
                : "{\"decision\":\"%s\",\"reason\":\"%s\"}".formatted(decision, reason);
        return api.post("/api/admin/contractors/" + contractorId + "/verification")
                .bearer(admin.accessToken())
                .json(body)
                .send();
    }

    /** A complete profile, submitted and verified by the admin. */
    void verifiedContractor(
            SignedIn contractor, SignedIn admin, LocalDate licenceExpiresOn, LocalDate insuranceExpiresOn) {
        saveContractorProfile(
                contractor, ProfileRequests.completeContractorProfile(licenceExpiresOn, insuranceExpiresOn));
        submitForVerification(contractor, licenceExpiresOn, insuranceExpiresOn);
        Response decided = decide(admin, contractor.userId(), "VERIFIED", "Registry entry matches.");
        assertThat(decided.status()).as(decided.body()).isEqualTo(200);
    }

    JsonNode publicProfile(UUID contractorId) {
        Response response = api.get("/api/contractors/" + contractorId).send();
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    String verificationStatus(SignedIn contractor) {
        Response response = api.get("/api/me/contractor-profile")
                .bearer(contractor.accessToken())
                .send();
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("verification").get("status").asString();
    }
}
