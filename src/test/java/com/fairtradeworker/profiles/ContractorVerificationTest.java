package com.fairtradeworker.profiles;

import static com.fairtradeworker.profiles.ProfileRequests.completeContractorProfile;
import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.ApiClient.Response;
import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.TestAccounts;
import com.fairtradeworker.support.TestAccounts.SignedIn;
import com.fairtradeworker.support.TestMailServer;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@IntegrationTest
class ContractorVerificationTest {

    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Autowired
    DatabaseRoles db;

    ProfileSteps steps() {
        return new ProfileSteps(api);
    }

    @Test
    void aSubmissionWaitsInTheQueueUntilAnAdminVerifiesItWithAnAuditedReason() {
        SignedIn contractor = accounts.verifiedUser("CONTRACTOR");
        SignedIn admin = accounts.admin();
        steps().saveContractorProfile(contractor, completeContractorProfile(TODAY.plusYears(1), TODAY.plusYears(1)));

        JsonNode submitted = steps().submitForVerification(contractor, TODAY.plusYears(2), TODAY.plusYears(1));

        assertThat(submitted.get("verification").get("status").asString()).isEqualTo("PENDING");
        assertThat(submitted.get("licence").get("expiresOn").asString())
                .isEqualTo(TODAY.plusYears(2).toString());
        assertThat(queuedIds(admin, "PENDING")).contains(contractor.userId().toString());
        assertThat(steps().publicProfile(contractor.userId()).get("verified").asBoolean())
                .isFalse();

        Response verified = steps().decide(admin, contractor.userId(), "VERIFIED", "State registry entry matches.");

        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(verified.json().get("status").asString()).isEqualTo("VERIFIED");
        assertThat(verified.json().get("verifiedBy").asString())
                .isEqualTo(admin.userId().toString());
        assertThat(steps().publicProfile(contractor.userId()).get("verified").asBoolean())
                .isTrue();
        assertThat(queuedIds(admin, "PENDING"))
                .doesNotContain(contractor.userId().toString());
        assertThat(queuedIds(admin, "VERIFIED")).contains(contractor.userId().toString());
        Map<String, Object> audit = lastAudit(contractor.userId(), "CONTRACTOR_VERIFIED");
        assertThat(audit.get("actor_id")).isEqualTo(admin.userId());
        assertThat(audit.get("reason")).isEqualTo("State registry entry matches.");
        assertThat(lastAudit(contractor.userId(), "CONTRACTOR_VERIFICATION_SUBMITTED")
                        .get("actor_id"))
                .isEqualTo(contractor.userId());
        assertThat(accounts.mailTo(contractor.email()))
                .extracting(ContractorVerificationTest::subjectOf)
                .contains("Your licence and insurance are verified");
    }

    @Test
    void aRejectionNeedsAReasonWhichIsAuditedAndShownToTheContractor() {
        SignedIn contractor = accounts.verifiedUser("CONTRACTOR");
        SignedIn admin = accounts.admin();
        steps().submitForVerification(contractor, TODAY.plusYears(1), TODAY.plusYears(1));

        assertThat(steps().decide(admin, contractor.userId(), "REJECTED", null).status())
                .isEqualTo(400);
        assertThat(steps().decide(admin, contractor.userId(), "REJECTED", "  ").status())
                .isEqualTo(400);
        Response rejected =
                steps().decide(admin, contractor.userId(), "REJECTED", "The licence number is not in the registry.");

        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
        JsonNode own = api.get("/api/me/contractor-profile")
                .bearer(contractor.accessToken())
                .send()
                .json()
                .get("verification");
        assertThat(own.get("status").asString()).isEqualTo("REJECTED");
        assertThat(own.get("note").asString()).isEqualTo("The licence number is not in the registry.");
        Map<String, Object> audit = lastAudit(contractor.userId(), "CONTRACTOR_VERIFICATION_REJECTED");
        assertThat(audit.get("actor_id")).isEqualTo(admin.userId());
        assertThat(audit.get("reason")).isEqualTo("The licence number is not in the registry.");
        String rejectionMail = accounts.mailTo(contractor.email()).stream()
                .filter(message -> subjectOf(message).equals("Your verification was not approved"))
                .map(TestMailServer::textOf)
                .findFirst()
                .orElseThrow();
        assertThat(rejectionMail).contains("The licence number is not in the registry.");

        Response again = steps().decide(admin, contractor.userId(), "VERIFIED", null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("verificationStatus").asString()).isEqualTo("REJECTED");
        assertThat(steps().submitForVerification(contractor, TODAY.plusYears(1), TODAY.plusYears(1))
                        .get("verification")
                        .get("status")
                        .asString())
                .isEqualTo("PENDING");
    }

    @Test
    void onlyAdminsSeeTheQueueOrDecide() {
        SignedIn contractor = accounts.verifiedUser("CONTRACTOR");
        SignedIn homeowner = accounts.verifiedUser("HOMEOWNER");
        steps().submitForVerification(contractor, TODAY.plusYears(1), TODAY.plusYears(1));
        String decision = "{\"decision\":\"VERIFIED\",\"reason\":\"self-service\"}";
        String decide = "/api/admin/contractors/" + contractor.userId() + "/verification";

        for (SignedIn notAdmin : List.of(contractor, homeowner)) {
            assertThat(api.get("/api/admin/contractor-verifications")
                            .bearer(notAdmin.accessToken())
                            .send()
                            .status())
                    .isEqualTo(404);
            assertThat(api.post(decide)
                            .bearer(notAdmin.accessToken())
                            .json(decision)
                            .send()
                            .status())
                    .isEqualTo(404);
        }
        assertThat(api.get("/api/admin/contractor-verifications").send().status())
                .isEqualTo(401);
        assertThat(api.post(decide).json(decision).send().status()).isEqualTo(401);
        assertThat(steps().verificationStatus(contractor)).isEqualTo("PENDING");
    }

    @Test
    void deciding404sForAnyoneWithoutAContractorProfile() {
        SignedIn admin = accounts.admin();
        SignedIn homeowner = accounts.verifiedUser("HOMEOWNER");

        Response unknown = steps().decide(admin, UUID.randomUUID(), "VERIFIED", null);
        Response notAContractor = steps().decide(admin, homeowner.userId(), "VERIFIED", null);

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(notAContractor.status()).isEqualTo(404);
        assertThat(notAContractor.json().get("detail")).isEqualTo(unknown.json().get("detail"));
    }

    @Test
    void changingLicenceOrInsuranceAfterVerificationDropsTheBadge() {
        SignedIn contractor = accounts.verifiedUser("CONTRACTOR");
        SignedIn admin = accounts.admin();
        steps().verifiedContractor(contractor, admin, TODAY.plusYears(1), TODAY.plusYears(1));

        ObjectNode bioOnly = completeContractorProfile(TODAY.plusYears(1), TODAY.plusYears(1));
        bioOnly.put("bio", "Now also fitting heat pumps.");
        steps().saveContractorProfile(contractor, bioOnly);
        assertThat(steps().verificationStatus(contractor))
                .as("editing other fields keeps the badge")
                .isEqualTo("VERIFIED");

        ObjectNode newLicence = bioOnly.deepCopy();
        newLicence.set("licence", ProfileRequests.licence("PLB-000001", "Greater London", TODAY.plusYears(1)));
        JsonNode changed = steps().saveContractorProfile(contractor, newLicence);

        assertThat(changed.get("verification").get("status").asString()).isEqualTo("UNVERIFIED");
        assertThat(changed.get("verification").get("note").asString()).contains("submit them for verification again");
        assertThat(steps().publicProfile(contractor.userId()).get("verified").asBoolean())
                .isFalse();
        assertThat(lastAudit(contractor.userId(), "CONTRACTOR_PROFILE_UPDATED")
                        .get("details")
                        .toString())
                .contains("\"credentialsChanged\": true");
    }

    @Test
    void thePublicProfileShowsTheBusinessButNoContactDetailsOrLicenceNumber() {
        SignedIn contractor = accounts.verifiedUser("CONTRACTOR");
        ObjectNode body = completeContractorProfile(TODAY.plusYears(1), TODAY.plusYears(1));
        body.put("phone", "+15550001234");
        body.set("licence", ProfileRequests.licence("LIC-SECRET-4242", "Ontario", TODAY.plusYears(1)));
        steps().saveContractorProfile(contractor, body);

        Response response = api.get("/api/contractors/" + contractor.userId()).send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body())
                .doesNotContain(contractor.email())
                .doesNotContain("+15550001234")
                .doesNotContain("5550001234")
                .doesNotContain("LIC-SECRET-4242")
                .doesNotContain("Acme Mutual")
                .doesNotContain("51.50735")
                .doesNotContain("-0.12776");
        JsonNode profile = response.json();
        assertThat(profile.get("businessName").asString()).isEqualTo("Leak Busters Ltd");
        assertThat(profile.get("serviceArea").get("approxLatitude").asDouble()).isEqualTo(51.51);
        assertThat(profile.get("serviceArea").get("approxLongitude").asDouble()).isEqualTo(-0.13);
        assertThat(profile.get("serviceArea").get("radiusKm").asInt()).isEqualTo(25);
        assertThat(profile.get("trades").get(0).get("displayName").asString()).isEqualTo("Water heaters");
        assertThat(profile.get("rating").get("reviewCount").asInt()).isZero();
        assertThat(profile.get("yearsExperience").asInt()).isEqualTo(20);
        assertThat(profile.propertyNames()).doesNotContain("licence", "insurance", "phone", "email");

        SignedIn homeowner = accounts.verifiedUser("HOMEOWNER");
        assertThat(api.get("/api/contractors/" + homeowner.userId()).send().status())
                .isEqualTo(404);
        assertThat(api.get("/api/contractors/" + UUID.randomUUID()).send().status())
                .isEqualTo(404);
    }

    private List<String> queuedIds(SignedIn admin, String status) {
        Response response = api.get("/api/admin/contractor-verifications?limit=100&status=" + status)
                .bearer(admin.accessToken())
                .send();
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> ids = new java.util.ArrayList<>(response.json().findValuesAsString("contractorId"));
        String cursor = response.json().get("nextCursor").isNull()
                ? null
                : response.json().get("nextCursor").asString();
        while (cursor != null) {
            JsonNode page = api.get(
                            "/api/admin/contractor-verifications?limit=100&status=" + status + "&cursor=" + cursor)
                    .bearer(admin.accessToken())
                    .send()
                    .json();
            ids.addAll(page.findValuesAsString("contractorId"));
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
        }
        return ids;
    }

    private Map<String, Object> lastAudit(UUID contractorId, String action) {
        return db.owner()
                .sql("""
                        SELECT actor_id, details, details ->> 'reason' AS reason
                          FROM audit_logs
                         WHERE entity_type = 'contractor_profile' AND entity_id = ? AND action = ?
                         ORDER BY occurred_at DESC
                         LIMIT 1
                        """)
                .params(contractorId.toString(), action)
                .query()
                .singleRow();
    }

    private static String subjectOf(jakarta.mail.internet.MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
