package com.fairtradeworker.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.ApiClient.Response;
import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.TestAccounts;
import com.fairtradeworker.support.TestAccounts.SignedIn;
import java.util.Map;
import java.util.function.Consumer;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@IntegrationTest
class HomeownerProfileTest {

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Test
    void aHomeownerSavesTheirAddressLocationAndPhone() {
        SignedIn homeowner = accounts.verifiedUser("HOMEOWNER");
        JsonNode empty = get(homeowner).json();
        assertThat(empty.get("addressLine").isNull()).isTrue();

        Response saved = put(homeowner, ProfileRequests.homeownerProfile());

        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.json().get("postcode").asString()).isEqualTo("BS1 4DJ");
        assertThat(saved.json().get("location").get("latitude").asDouble()).isEqualTo(51.4545);
        assertThat(get(homeowner).json()).isEqualTo(saved.json());
        assertThat(api.get("/api/me")
                        .bearer(homeowner.accessToken())
                        .send()
                        .json()
                        .get("phone")
                        .asString())
                .as("the phone number lives on the account")
                .isEqualTo("+447700900123");

        ObjectNode cleared = ProfileRequests.JSON.createObjectNode();
        JsonNode after = put(homeowner, cleared).json();
        assertThat(after.get("addressLine").isNull()).isTrue();
        assertThat(after.get("location").isNull()).isTrue();
        assertThat(after.get("phone").isNull()).isTrue();
    }

    @Test
    void everyFieldIsValidated() {
        SignedIn homeowner = accounts.verifiedUser("HOMEOWNER");
        Map<String, Consumer<ObjectNode>> invalid = Map.of(
                "location.latitude", body -> location(body).put("latitude", 90.0001),
                "location.latitude ", body -> location(body).put("latitude", -91),
                "location.longitude", body -> location(body).put("longitude", 180.5),
                "location.longitude ", body -> location(body).remove("longitude"),
                "postcode", body -> body.put("postcode", "ABCDEFGHIJKLMNOPQ"),
                "postcode ", body -> body.put("postcode", "<script>"),
                "addressLine", body -> body.put("addressLine", "a".repeat(301)),
                "phone", body -> body.put("phone", "+0123"));

        SoftAssertions softly = new SoftAssertions();
        invalid.forEach((field, breakIt) -> {
            ObjectNode body = ProfileRequests.homeownerProfile();
            breakIt.accept(body);
            Response response = put(homeowner, body);
            softly.assertThat(response.status()).as(field).isEqualTo(400);
            softly.assertThat(response.json().get("errors").findValuesAsString("field"))
                    .as(field)
                    .contains(field.strip());
        });
        softly.assertAll();

        ObjectNode ownerField = ProfileRequests.homeownerProfile();
        ownerField.put("ratingCount", 99);
        assertThat(put(homeowner, ownerField).status()).isEqualTo(400);
        assertThat(get(homeowner).json().get("addressLine").isNull())
                .as("nothing invalid was stored")
                .isTrue();
    }

    @Test
    void theBoundsThemselvesAreAccepted() {
        SignedIn homeowner = accounts.verifiedUser("HOMEOWNER");
        ObjectNode body = ProfileRequests.homeownerProfile();
        location(body).put("latitude", 90).put("longitude", -180);

        assertThat(put(homeowner, body).status()).isEqualTo(200);
    }

    private Response get(SignedIn homeowner) {
        return api.get("/api/me/homeowner-profile")
                .bearer(homeowner.accessToken())
                .send();
    }

    private Response put(SignedIn homeowner, ObjectNode body) {
        return api.put("/api/me/homeowner-profile")
                .bearer(homeowner.accessToken())
                .json(body.toString())
                .send();
    }

    private static ObjectNode location(ObjectNode body) {
        return (ObjectNode) body.get("location");
    }
}
