package com.fairtradeworker.profiles;

import static com.fairtradeworker.profiles.ProfileRequests.completeContractorProfile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.ApiClient.Response;
import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.TestAccounts;
import com.fairtradeworker.support.TestAccounts.SignedIn;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@IntegrationTest
class ContractorProfileTest {

    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Autowired
    ProfilesApi profilesApi;

    @Autowired
    DatabaseRoles db;

    ProfileSteps steps() {
        return new ProfileSteps(api);
    }

    @Test
    void aContractorSavesTheirProfileAndItIsCompleteOnceBiddingHasWhatItNeeds() {
        SignedIn contractor = accounts.verifiedUser("CONTRACTOR");

        JsonNode empty = api.get("/api/me/contractor-profile")
                .bearer(contractor.accessToken())
                .send()
                .json();
        assertThat(empty.get("complete").asBoolean()).isFalse();
        assertThat(empty.get("missingForBidding").valueStream().map(JsonNode::asString))
                .containsExactly("businessName", "trades", "serviceArea", "licence", "insurance");
        assertThat(empty.get("verification").get("status").asString()).isEqualTo("UNVERIFIED");
        assertThat(profilesApi.contractorProfileComplete(contractor.userId())).isFalse();
        assertThatThrownBy(() -> profilesApi.requireCompleteContractorProfile(contractor.userId()))
                .isInstanceOfSatisfying(ProblemException.class, problem -> {
                    assertThat(problem.type()).isEqualTo(ProblemType.PROFILE_INCOMPLETE);
                    assertThat(problem.properties().get("missing"))
                            .asInstanceOf(InstanceOfAssertFactories.LIST)
                            .contains("licence", "insurance");
                });

        ObjectNode withoutInsurance = completeContractorProfile(TODAY.plusYears(1), TODAY.plusYears(1));
        withoutInsurance.remove("insurance");
        withoutInsurance.withArrayProperty("trades").add("plumbing.drains"); // duplicates are dropped
        JsonNode partial = steps().saveContractorProfile(contractor, withoutInsurance);
        assertThat(partial.get("missingForBidding").valueStream().map(JsonNode::asString))
                .containsExactly("insurance");
        assertThat(partial.get("trades").valueStream().map(JsonNode::asString))
                .containsExactly("plumbing.water_heaters", "plumbing.drains");

        JsonNode saved = steps().saveContractorProfile(
                        contractor, completeContractorProfile(TODAY.plusYears(1), TODAY.plusMonths(6)));
        assertThat(saved.get("complete").asBoolean()).isTrue();
        assertThat(saved.get("licence").get("number").asString()).isEqualTo("PLB-778899");
        assertThat(saved.get("serviceArea").get("radiusKm").asInt()).isEqualTo(25);
        assertThat(profilesApi.contractorProfileComplete(contractor.userId())).isTrue();
        profilesApi.requireCompleteContractorProfile(contractor.userId());
        assertThat(profilesApi.contractorServiceArea(contractor.userId()))
                .contains(new ServiceArea(51.50735, -0.12776, 25));
        assertThat(profilesApi.contractorSummaries(List.of(contractor.userId())))
                .containsEntry(
                        contractor.userId(),
                        new ContractorSummary(contractor.userId(), "Leak Busters Ltd", false, 0, null));
        assertThat(api.get("/api/me/contractor-profile")
                        .bearer(contractor.accessToken())
                        .send()
                        .json())
                .isEqualTo(saved);
    }

    @Test
    void everyFieldIsValidated() {
        SignedIn contractor = accounts.verifiedUser("CONTRACTOR");
        Map<String, Consumer<ObjectNode>> invalid = Map.ofEntries(
                Map.entry("serviceArea.latitude", body -> area(body).put("latitude", 90.01)),
                Map.entry("serviceArea.latitude ", body -> area(body).put("latitude", -90.5)),
                Map.entry("serviceArea.longitude", body -> area(body).put("longitude", 180.2)),
                Map.entry("serviceArea.longitude ", body -> area(body).put("longitude", -181)),
                Map.entry("serviceArea.radiusKm", body -> area(body).put("radiusKm", 0)),
                Map.entry("serviceArea.radiusKm ", body -> area(body).put("radiusKm", 501)),
                Map.entry("serviceArea.radiusKm  ", body -> area(body).remove("radiusKm")),
                Map.entry("trades[2]", body -> body.withArrayProperty("trades").add("plumbing.unicorns")),
                Map.entry("trades[0]", body -> body.putArray("trades").add("PLUMBING")),
                Map.entry(
                        "licence.expiresOn",
                        body -> ((ObjectNode) body.get("licence"))
                                .put("expiresOn", TODAY.minusDays(1).toString())),
                Map.entry(
                        "licence.expiresOn ",
                        body -> ((ObjectNode) body.get("licence"))
                                .put("expiresOn", TODAY.plusYears(31).toString())),
                Map.entry(
                        "insurance.expiresOn",
                        body -> ((ObjectNode) body.get("insurance"))
                                .put("expiresOn", TODAY.minusYears(2).toString())),
                Map.entry("insurance.expiresOn ", body -> ((ObjectNode) body.get("insurance")).remove("expiresOn")),
                Map.entry("licence.number", body -> ((ObjectNode) body.get("licence")).put("number", " ")),
                Map.entry("licence.region", body -> ((ObjectNode) body.get("licence")).put("region", "x".repeat(101))),
                Map.entry("insurance.provider", body -> ((ObjectNode) body.get("insurance")).remove("provider")),
                Map.entry("businessName", body -> body.put("businessName", "   ")),
                Map.entry("businessName ", body -> body.put("businessName", "b".repeat(201))),
                Map.entry("bio", body -> body.put("bio", "b".repeat(2001))),
                Map.entry("yearsExperience", body -> body.put("yearsExperience", 81)),
                Map.entry("yearsExperience ", body -> body.put("yearsExperience", -1)),
                Map.entry("phone", body -> body.put("phone", "07700 900123")));

        SoftAssertions softly = new SoftAssertions();
        invalid.forEach((field, breakIt) -> {
            ObjectNode body = completeContractorProfile(TODAY.plusYears(1), TODAY.plusYears(1));
            breakIt.accept(body);
            Response response = steps().putContractorProfile(contractor, body);
            softly.assertThat(response.status())
                    .as(field + ": " + response.body())
                    .isEqualTo(400);
            softly.assertThat(response.json().get("errors").findValuesAsString("field"))
                    .as(field)
                    .contains(field.strip());
        });
        softly.assertAll();

        ObjectNode malformedDate = completeContractorProfile(TODAY.plusYears(1), TODAY.plusYears(1));
        ((ObjectNode) malformedDate.get("licence")).put("expiresOn", "2031-13-01");
        Response malformed = steps().putContractorProfile(contractor, malformedDate);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("detail").asString()).contains("licence.expiresOn");

        assertThat(api.get("/api/me/contractor-profile")
                        .bearer(contractor.accessToken())
                        .send()
                        .json()
                        .get("businessName")
                        .isNull())
                .as("nothing invalid was stored")
                .isTrue();
    }

    @Test
    void theBoundsThemselvesAreAccepted() {
        SignedIn contractor = accounts.verifiedUser("CONTRACTOR");
        ObjectNode body = completeContractorProfile(TODAY, TODAY.plusYears(30));
        area(body).put("latitude", -90).put("longitude", 180).put("radiusKm", 500);
        body.put("yearsExperience", 0);
        body.putArray("trades").add("plumbing").add("general_contracting.bathrooms");

        JsonNode saved = steps().saveContractorProfile(contractor, body);

        assertThat(saved.get("serviceArea").get("latitude").asDouble()).isEqualTo(-90.0);
        assertThat(saved.get("complete").asBoolean())
                .as("a licence valid through today counts")
                .isTrue();
        area(body).put("radiusKm", 1);
        assertThat(steps().putContractorProfile(contractor, body).status()).isEqualTo(200);
    }

    @Test
    void aContractorCannotSetTheirOwnVerificationOrAnyOtherProtectedField() {
        SignedIn contractor = accounts.verifiedUser("CONTRACTOR");
        List<Consumer<ObjectNode>> attempts = List.of(
                body -> body.put("verificationStatus", "VERIFIED"),
                body -> body.putObject("verification").put("status", "VERIFIED"),
                body -> body.put("verified", true),
                body -> body.put("verifiedAt", "2024-01-01T00:00:00Z"),
                body -> body.put("verifiedBy", contractor.userId().toString()),
                body -> body.put("userId", contractor.userId().toString()),
                body -> body.put("ratingCount", 500),
                body -> body.put("payoutAccountId", "acct_123"));

        for (Consumer<ObjectNode> attempt : attempts) {
            ObjectNode body = completeContractorProfile(TODAY.plusYears(1), TODAY.plusYears(1));
            attempt.accept(body);
            Response response = steps().putContractorProfile(contractor, body);
            assertThat(response.status()).as(body.toString()).isEqualTo(400);
            assertThat(response.json().get("detail").asString()).startsWith("Unknown field");
        }
        ObjectNode submission = ProfileRequests.submission(TODAY.plusYears(1), TODAY.plusYears(1));
        submission.put("status", "VERIFIED");
        assertThat(api.post("/api/me/contractor-profile/verification")
                        .bearer(contractor.accessToken())
                        .json(submission.toString())
                        .send()
                        .status())
                .isEqualTo(400);

        Map<String, Object> row = db.owner().sql("""
                        SELECT verification_status, verified_at, verified_by, rating_count
                          FROM contractor_profiles WHERE user_id = ?
                        """).param(contractor.userId()).query().listOfRows().stream()
                .findFirst()
                .orElse(Map.of("verification_status", "UNVERIFIED"));
        assertThat(row.get("verification_status")).isEqualTo("UNVERIFIED");
        assertThat(row.get("verified_at")).isNull();
        assertThat(row.get("verified_by")).isNull();
    }

    @Test
    void nobodyEditsAProfileThatIsNotTheirs() {
        SignedIn victim = accounts.verifiedUser("CONTRACTOR");
        JsonNode before = steps().saveContractorProfile(
                        victim, completeContractorProfile(TODAY.plusYears(1), TODAY.plusYears(1)));
        SignedIn homeowner = accounts.verifiedUser("HOMEOWNER");
        SignedIn otherContractor = accounts.verifiedUser("CONTRACTOR");
        ObjectNode hostile = completeContractorProfile(TODAY.plusYears(1), TODAY.plusYears(1));
        hostile.put("businessName", "Hijacked");

        Response homeownerPut = steps().putContractorProfile(homeowner, hostile);
        Response homeownerGet = api.get("/api/me/contractor-profile")
                .bearer(homeowner.accessToken())
                .send();
        Response contractorAsHomeowner = api.put("/api/me/homeowner-profile")
                .bearer(otherContractor.accessToken())
                .json(ProfileRequests.homeownerProfile().toString())
                .send();
        for (Response response : List.of(homeownerPut, homeownerGet, contractorAsHomeowner)) {
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.json().get("type").asString()).endsWith("/not-found");
        }

        hostile.put("userId", victim.userId().toString());
        assertThat(steps().putContractorProfile(otherContractor, hostile).status())
                .isEqualTo(400);
        Response throughPublicPath = api.put("/api/contractors/" + victim.userId())
                .bearer(otherContractor.accessToken())
                .json(hostile.toString())
                .send();
        assertThat(throughPublicPath.status()).isIn(403, 404, 405);

        assertThat(api.get("/api/me/contractor-profile")
                        .bearer(victim.accessToken())
                        .send()
                        .json())
                .isEqualTo(before);
    }

    @Test
    void signedOutCallersHaveNoOwnProfile() {
        assertThat(api.get("/api/me/contractor-profile").send().status()).isEqualTo(401);
        assertThat(api.put("/api/me/contractor-profile").json("{}").send().status())
                .isEqualTo(401);
    }

    private static ObjectNode area(ObjectNode body) {
        return (ObjectNode) body.get("serviceArea");
    }
}
