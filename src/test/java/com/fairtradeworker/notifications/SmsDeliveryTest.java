package com.fairtradeworker.notifications;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.MutableClock;
import com.fairtradeworker.support.TestAccounts;
import com.fairtradeworker.support.TestAccounts.SignedIn;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The SMS outbox against a misbehaving Twilio: a 500 is retried after backoff and the message then goes out once; a
 * number Twilio refuses for good fails at once. Neither ever fails the request that caused the message.
 */
@IntegrationTest
class SmsDeliveryTest {

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Autowired
    DatabaseRoles db;

    @Autowired
    MutableClock clock;

    @Autowired
    SmsDispatcher sms;

    private NotificationTestSupport support;

    @BeforeEach
    void fixtures() {
        support = new NotificationTestSupport(db);
    }

    @AfterEach
    void restoreClock() {
        clock.reset();
    }

    @Test
    void aTwilioErrorIsRetriedAfterBackoffAndThenSentOnceWithoutFailingTheRequest() {
        SignedIn user = accounts.verifiedUser("CONTRACTOR");
        String phone = NotificationTestSupport.uniquePhone();
        support.setPhone(user.userId(), phone);
        String scenario = "flaky-" + phone;
        TwilioStandIn.server()
                .stubFor(toNumber(phone)
                        .inScenario(scenario)
                        .whenScenarioStateIs(Scenario.STARTED)
                        .willReturn(aResponse().withStatus(500).withBody("{\"code\": 20500}"))
                        .willSetStateTo("recovered"));
        TwilioStandIn.server()
                .stubFor(toNumber(phone)
                        .inScenario(scenario)
                        .whenScenarioStateIs("recovered")
                        .willReturn(aResponse().withStatus(201).withBody("{\"sid\": \"SM1\"}")));

        assertThat(sendCode(user).status())
                .as("the request never waits for Twilio")
                .isEqualTo(202);
        Instant failedAt = Instant.now();
        clock.pinAt(failedAt);
        sms.dispatchDue();

        Map<String, Object> waiting = codeRow(user);
        assertThat(waiting).containsEntry("status", "PENDING").containsEntry("attempts", 1);
        assertThat((String) waiting.get("last_error"))
                .contains("Twilio answered 500")
                .doesNotContain(phone);
        Instant retryAt = nextAttemptAt(waiting);
        // 30 s, jittered by up to 20 % either way.
        assertThat(Duration.between(failedAt, retryAt)).isBetween(Duration.ofSeconds(24), Duration.ofSeconds(36));
        assertThat(TwilioStandIn.requestsTo(phone)).hasSize(1);

        clock.pinAt(retryAt.minusSeconds(1));
        sms.dispatchDue();
        assertThat(TwilioStandIn.requestsTo(phone)).as("not before its time").hasSize(1);

        clock.pinAt(retryAt);
        sms.dispatchDue();
        sms.dispatchDue();

        assertThat(codeRow(user))
                .containsEntry("status", "SENT")
                .containsEntry("attempts", 2)
                .containsEntry("body", "")
                .containsEntry("last_error", null);
        var requests = TwilioStandIn.requestsTo(phone);
        assertThat(requests).hasSize(2);
        assertThat(TwilioStandIn.form(requests.get(1)).get("Body"))
                .isEqualTo(TwilioStandIn.form(requests.get(0)).get("Body"));
    }

    @Test
    void aNumberTwilioRefusesForGoodIsFailedAtOnceWithoutItsDigitsInTheError() {
        SignedIn user = accounts.verifiedUser("HOMEOWNER");
        String phone = NotificationTestSupport.uniquePhone();
        support.setPhone(user.userId(), phone);
        TwilioStandIn.server()
                .stubFor(toNumber(phone)
                        .willReturn(aResponse()
                                .withStatus(400)
                                .withBody("{\"code\": 21211, \"message\": \"The 'To' number " + phone
                                        + " is not a valid phone number.\"}")));

        assertThat(sendCode(user).status()).isEqualTo(202);
        sms.dispatchDue();
        sms.dispatchDue();

        Map<String, Object> failed = codeRow(user);
        assertThat(failed)
                .containsEntry("status", "FAILED")
                .containsEntry("attempts", 1)
                .containsEntry("body", "")
                .containsEntry("next_attempt_at", null);
        assertThat((String) failed.get("last_error"))
                .contains("400 (error 21211)")
                .doesNotContain(phone);
        assertThat(TwilioStandIn.requestsTo(phone)).hasSize(1);
    }

    private ApiClient.Response sendCode(SignedIn user) {
        return api.post("/api/me/phone-verification").bearer(user.accessToken()).send();
    }

    private Map<String, Object> codeRow(SignedIn user) {
        List<Map<String, Object>> rows = support.rows(user.userId(), PhoneVerification.TEMPLATE, "SMS");
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    private static com.github.tomakehurst.wiremock.client.MappingBuilder toNumber(String phone) {
        return post(urlPathEqualTo(TwilioStandIn.MESSAGES_PATH))
                .atPriority(1)
                .withRequestBody(containing("To=" + URLEncoder.encode(phone, StandardCharsets.UTF_8) + "&"));
    }

    private static Instant nextAttemptAt(Map<String, Object> row) {
        Object value = row.get("next_attempt_at");
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        return ((OffsetDateTime) value).toInstant();
    }
}
