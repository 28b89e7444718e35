package com.fairtradeworker.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.ApiClient.Response;
import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.TestAccounts;
import com.fairtradeworker.support.TestAccounts.SignedIn;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Each test searches around a random point of its own, so other tests' jobs never appear. */
@IntegrationTest
class JobSearchTest {

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Autowired
    DatabaseRoles db;

    SignedIn homeowner;
    double lat;
    double lng;

    @BeforeEach
    void placeTheTestSomewhereOfItsOwn() {
        homeowner = accounts.verifiedUser("HOMEOWNER");
        lat = ThreadLocalRandom.current().nextDouble(-60, 60);
        lng = ThreadLocalRandom.current().nextDouble(-170, 170);
    }

    @Test
    void findsOpenJobsWithinTheRadiusOnly() {
        String near = open("Fix leaking tap", "plumbing.fixtures", lat + 0.05, lng, 7); // about 5.6 km north
        String far = open("Fix leaking pipe", "plumbing.fixtures", lat + 0.5, lng, 7); // about 56 km north

        assertThat(ids(search("radiusKm=10"))).containsExactly(near);
        assertThat(ids(search("radiusKm=100"))).containsExactly(near, far);
    }

    @Test
    void aTradeIncludesItsSubTrades() {
        String heater = open("New water heater", "plumbing.water_heaters", lat, lng, 7);
        String paint = open("Paint the hallway", "painting.interior", lat, lng, 7);

        assertThat(ids(search("trade=plumbing"))).containsExactly(heater);
        assertThat(ids(search("trade=painting"))).containsExactly(paint);
        assertThat(search("trade=plumbing.unicorns").status()).isEqualTo(400);
    }

    @Test
    void textMatchesStemsAndToleratesTypos() {
        String heater = open("Replace gas water heater", "plumbing.water_heaters", lat, lng, 7);
        open("Paint the hallway", "painting.interior", lat, lng, 7);

        assertThat(ids(search("q=heaters"))).containsExactly(heater);
        assertThat(ids(search("q=" + encode("replacing heater")))).containsExactly(heater);
        assertThat(ids(search("q=" + encode("watr heatr")))).containsExactly(heater);
        assertThat(ids(search("q=roofing"))).isEmpty();
    }

    @Test
    void sortsAndPagesWithACursor() {
        String soon = open("Deadline soon", "painting", lat, lng, 2);
        String later = open("Deadline later", "painting", lat + 0.01, lng, 9);
        String latest = open("Deadline latest", "painting", lat + 0.02, lng, 20);

        assertThat(ids(search("sort=deadline"))).containsExactly(soon, later, latest);
        assertThat(ids(search("sort=newest"))).containsExactly(latest, later, soon);
        assertThat(ids(search("sort=distance"))).containsExactly(soon, later, latest);

        Response first = search("sort=deadline&limit=2");
        Response second = search(
                "sort=deadline&limit=2&cursor=" + first.json().get("nextCursor").asString());
        assertThat(ids(first)).containsExactly(soon, later);
        assertThat(ids(second)).containsExactly(latest);
        assertThat(second.json().get("nextCursor").isNull()).isTrue();
    }

    @Test
    void nearestFirstPagesThroughJobsAtTheSameDistanceEachExactlyOnce() {
        // Groups of jobs at the very same point (one address, several jobs): equally distant, so within a group the
        // order is by id (PostgreSQL compares uuids bytewise, as their lower-case text compares).
        List<String> atTheCentre = sortedIds(2, lat, lng);
        List<String> oneKmNorth = sortedIds(4, lat + 0.01, lng);
        List<String> twoKmNorth = sortedIds(1, lat + 0.02, lng);
        List<String> threeKmSouth = sortedIds(3, lat - 0.03, lng);
        List<String> expected = new ArrayList<>();
        expected.addAll(atTheCentre);
        expected.addAll(oneKmNorth);
        expected.addAll(twoKmNorth);
        expected.addAll(threeKmSouth);

        assertThat(ids(search("sort=distance&limit=50"))).containsExactlyElementsOf(expected);
        for (int limit = 1; limit <= expected.size() + 1; limit++) {
            List<String> seen = new ArrayList<>();
            List<Double> distances = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                Response page = search("sort=distance&limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor));
                List<String> ids = ids(page);
                assertThat(ids).as("limit %d, page %d", limit, pages + 1).isNotEmpty();
                assertThat(ids.size()).isLessThanOrEqualTo(limit);
                seen.addAll(ids);
                distances.addAll(page.json().get("items").findValues("distanceKm").stream()
                        .map(JsonNode::asDouble)
                        .toList());
                JsonNode next = page.json().get("nextCursor");
                cursor = next.isNull() ? null : next.asString();
                pages++;
            } while (cursor != null && pages <= expected.size());

            assertThat(seen).as("limit %d", limit).containsExactlyElementsOf(expected);
            assertThat(pages)
                    .as("limit %d: no empty last page", limit)
                    .isEqualTo((expected.size() + limit - 1) / limit);
            assertThat(distances).as("limit %d", limit).isSorted();
        }
    }

    @Test
    void aContractorWithAServiceAreaSearchesAroundItByDefault() {
        String near = open("Fix fence", "carpentry", lat, lng, 7);
        SignedIn contractor = accounts.verifiedUser("CONTRACTOR");
        db.owner().sql("""
                        INSERT INTO contractor_profiles (user_id, business_name, service_latitude, service_longitude,
                                                         service_radius_km)
                        VALUES (?, 'Fences Ltd', ?, ?, 5)
                        """).params(contractor.userId(), lat, lng).update();

        Response around = api.get("/api/jobs").bearer(contractor.accessToken()).send();

        assertThat(ids(around)).containsExactly(near);
        assertThat(api.get("/api/jobs").send().status())
                .as("anonymous visitors must say where")
                .isEqualTo(400);
    }

    @Test
    void pageSizeIsCappedAndCursorsAreChecked() {
        assertThat(search("limit=51").status()).isEqualTo(400);
        assertThat(search("cursor=garbage").status()).isEqualTo(400);
        assertThat(search("radiusKm=501").status()).isEqualTo(400);
    }

    @Test
    void anonymousVisitorsSeeASummaryWithoutTheExactAddress() {
        open("Fix fence", "carpentry", lat, lng, 7);

        JsonNode anonymous = searchAs(null, "").json().get("items").get(0);
        JsonNode signedIn = searchAs(accounts.verifiedUser("CONTRACTOR").accessToken(), "")
                .json()
                .get("items")
                .get(0);

        assertThat(anonymous.has("addressText")).isFalse();
        assertThat(anonymous.get("postcode").asString()).isEqualTo("627");
        assertThat(anonymous.get("latitude").asDouble()).isEqualTo(Math.round(lat * 100) / 100.0);
        assertThat(anonymous.get("summary").asBoolean()).isTrue();
        assertThat(signedIn.get("addressText").asString()).isEqualTo("12 Elm Street, Springfield");
        assertThat(signedIn.get("latitude").asDouble()).isEqualTo(lat);
    }

    @Test
    void injectionPayloadsChangeNothingAndLeakNothing() {
        open("Fix fence", "carpentry", lat, lng, 7);
        long jobsBefore =
                db.owner().sql("SELECT count(*) FROM jobs").query(Long.class).single();

        for (String payload : List.of(
                "' OR '1'='1",
                "admin'; DROP TABLE users; --",
                "' UNION SELECT * FROM users; --",
                "<script>alert('XSS')</script>")) {
            Response response = search("q=" + encode(payload));
            assertThat(response.status()).as(payload).isEqualTo(200);
            assertThat(ids(response)).as(payload).isEmpty();
            assertThat(search("trade=" + encode(payload)).status()).as(payload).isEqualTo(400);
            assertThat(search("sort=" + encode(payload)).status()).as(payload).isEqualTo(400);
            assertThat(search("cursor=" + encode(payload)).status()).as(payload).isEqualTo(400);
        }
        assertThat(db.owner().sql("SELECT count(*) FROM jobs").query(Long.class).single())
                .isEqualTo(jobsBefore);
        assertThat(db.owner()
                        .sql("SELECT to_regclass('public.users') IS NOT NULL")
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    @Test
    void storedMarkupComesBackAsPlainJsonText() {
        String xss = "<img src=x onerror=alert('XSS')>";
        String id = JobTestData.createOpen(
                api,
                homeowner.accessToken(),
                JobTestData.body(xss, "carpentry", lat, lng, Instant.now().plus(Duration.ofDays(7))));

        Response job = api.get("/api/jobs/" + id).send();

        assertThat(job.header("Content-Type")).startsWith("application/json");
        assertThat(job.json().get("title").asString()).isEqualTo(xss);
    }

    private String open(String title, String trade, double latitude, double longitude, int deadlineDays) {
        return JobTestData.createOpen(
                api,
                homeowner.accessToken(),
                JobTestData.body(
                        title, trade, latitude, longitude, Instant.now().plus(Duration.ofDays(deadlineDays))));
    }

    /** {@code count} open jobs at exactly the same point, their ids in the database's uuid order. */
    private List<String> sortedIds(int count, double latitude, double longitude) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(open("Fix fence " + i, "carpentry", latitude, longitude, 7));
        }
        ids.sort(Comparator.naturalOrder());
        return ids;
    }

    private Response search(String parameters) {
        return searchAs(null, parameters);
    }

    private Response searchAs(String token, String parameters) {
        ApiClient.Request request = api.get("/api/jobs?lat=" + lat + "&lng=" + lng
                + "&radiusKm=20&".replace("radiusKm=20&", parameters.contains("radiusKm") ? "" : "radiusKm=20&")
                + parameters);
        return token == null ? request.send() : request.bearer(token).send();
    }

    private static List<String> ids(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("items").findValuesAsString("id");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
