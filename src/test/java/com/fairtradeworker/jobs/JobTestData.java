package com.fairtradeworker.jobs;

import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.ApiClient.Response;
import java.time.Duration;
import java.time.Instant;

/** Job request bodies for tests. */
final class JobTestData {

    private JobTestData() {}

    static String body(String title, String trade, double lat, double lng, Instant deadline) {
        return """
                {"title":"%s","description":"%s: details on site, old materials to be removed.",
                 "trade":"%s","latitude":%s,"longitude":%s,"addressText":"12 Elm Street, Springfield",
                 "postcode":"62704","budgetMin":{"amountMinor":80000,"currency":"USD"},
                 "budgetMax":{"amountMinor":150000,"currency":"USD"},"biddingDeadline":"%s",
                 "desiredStartDate":"2027-01-15"}
                """.formatted(title, title, trade, lat, lng, deadline);
    }

    static String body(Instant now) {
        return body("Replace water heater", "plumbing.water_heaters", 39.7817, -89.6501, now.plus(Duration.ofDays(7)));
    }

    static String createOpen(ApiClient api, String token, String body) {
        Response created = api.post("/api/jobs").bearer(token).json(body).send();
        if (created.status() != 201) {
            throw new AssertionError("job not created: " + created.body());
        }
        String id = created.json().get("id").asString();
        Response published =
                api.post("/api/jobs/" + id + "/publish").bearer(token).send();
        if (published.status() != 200) {
            throw new AssertionError("job not published: " + published.body());
        }
        return id;
    }
}
