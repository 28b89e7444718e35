package com.fairtradeworker.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.MarketplaceFixtures;
import com.fairtradeworker.support.MutableClock;
import com.fairtradeworker.support.TestAccounts;
import com.fairtradeworker.support.TestAccounts.SignedIn;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Phone verification over HTTP, with the code travelling through the SMS outbox to the Twilio stand-in; and SMS
 * notifications, which reach a phone only once it is verified.
 */
@IntegrationTest
class PhoneVerificationTest {

    private static final Pattern CODE = Pattern.compile("Your FairTradeWorker code is (\\d{6})\\.");

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
    void smsReachOnlyAVerifiedPhoneAndTheCodeSentByTwilioVerifiesIt() {
        MarketplaceFixtures market = new MarketplaceFixtures(api, accounts, db, clock);
        SignedIn homeowner = market.homeowner();
        String phone = NotificationTestSupport.uniquePhone();
        support.setPhone(homeowner.userId(), phone);
        ApiClient.Response smsOn = api.put("/api/me/notification-preferences")
                .bearer(homeowner.accessToken())
                .json("{\"groups\": [{\"group\": \"BIDS\", \"sms\": true}]}")
                .send();
        assertThat(smsOn.status()).as(smsOn.body()).isEqualTo(200);
        assertThat(smsOn.json().get("phone").get("verified").asBoolean()).isFalse();
        UUID job = market.openJob(homeowner);

        UUID before = market.bid(market.contractor(), job, 40_000);
        support.awaitHandled("BiddingNotifications", before, 1);
        sms.dispatchDue();
        assertThat(TwilioStandIn.requestsTo(phone)).isEmpty();
        assertThat(support.rows(homeowner.userId(), "bidding.bid-received", "SMS"))
                .isEmpty();
        assertThat(support.rows(homeowner.userId(), "bidding.bid-received", "EMAIL"))
                .hasSize(1);

        ApiClient.Response sent = sendCode(homeowner);
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        assertThat(sent.json().get("sentTo").asString()).endsWith(phone.substring(phone.length() - 2));
        sms.dispatchDue();

        LoggedRequest codeRequest = single(TwilioStandIn.requestsTo(phone));
        Map<String, String> form = TwilioStandIn.form(codeRequest);
        assertThat(form).containsEntry("To", phone).containsEntry("From", TwilioStandIn.FROM);
        assertThat(codeRequest.getHeader("Authorization"))
                .isEqualTo("Basic "
                        + Base64.getEncoder()
                                .encodeToString((TwilioStandIn.ACCOUNT_SID + ":" + TwilioStandIn.AUTH_TOKEN)
                                        .getBytes(StandardCharsets.UTF_8)));
        assertThat(codeRequest.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        String code = codeIn(form.get("Body"));

        ApiClient.Response confirmed = confirm(homeowner, code);
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.json().get("verified").asBoolean()).isTrue();
        assertThat(support.phoneVerified(homeowner.userId())).isTrue();
        assertThat(confirm(homeowner, code).status()).as("a code works once").isEqualTo(400);

        UUID after = market.bid(market.contractor(), job, 45_000);
        support.awaitHandled("BiddingNotifications", after, 1);
        sms.dispatchDue();

        List<LoggedRequest> requests = TwilioStandIn.requestsTo(phone);
        assertThat(requests).hasSize(2);
        assertThat(TwilioStandIn.form(requests.get(1)).get("Body"))
                .startsWith("FairTradeWorker: new bid on \"Replace the water heater\".")
                .contains("http://localhost:5173/jobs/" + job)
                .doesNotContain("$");
        assertThat(support.rows(homeowner.userId(), "bidding.bid-received", "SMS"))
                .singleElement()
                .satisfies(row -> assertThat(row)
                        .containsEntry("status", "SENT")
                        .containsEntry("recipient", phone)
                        .containsEntry("body", ""));
    }

    @Test
    void wrongCodesAreCountedAndAfterFiveEvenTheRightCodeIsRefused() {
        SignedIn user = accounts.verifiedUser("CONTRACTOR");
        String phone = NotificationTestSupport.uniquePhone();
        support.setPhone(user.userId(), phone);
        assertThat(sendCode(user).status()).isEqualTo(202);
        sms.dispatchDue();
        String code = codeIn(
                TwilioStandIn.form(single(TwilioStandIn.requestsTo(phone))).get("Body"));
        String wrong = "%06d".formatted((Integer.parseInt(code) + 1) % 1_000_000);

        assertThat(confirm(user, "12ab56").status()).isEqualTo(400);
        for (int guess = 1; guess <= PhoneVerification.MAX_WRONG_GUESSES; guess++) {
            ApiClient.Response refused = confirm(user, wrong);
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.body()).contains("/problems/invalid-token");
        }
        ApiClient.Response tooLate = confirm(user, code);

        assertThat(tooLate.status())
                .as("the code died after five wrong guesses")
                .isEqualTo(400);
        assertThat(tooLate.body()).contains("Ask for a new code");
        assertThat(support.phoneVerified(user.userId())).isFalse();
        assertThat(sendCode(user).status()).as("one code a minute").isEqualTo(429);

        clock.advance(Duration.ofSeconds(61));
        assertThat(sendCode(user).status()).isEqualTo(202);
        sms.dispatchDue();
        List<LoggedRequest> requests = TwilioStandIn.requestsTo(phone);
        assertThat(requests).hasSize(2);
        String fresh = codeIn(TwilioStandIn.form(requests.get(1)).get("Body"));
        assertThat(confirm(user, fresh).status()).isEqualTo(200);
        assertThat(support.phoneVerified(user.userId())).isTrue();
    }

    @Test
    void confirmationsBeyondTheAccountsAttemptLimitAreRefusedWith429() {
        SignedIn user = accounts.verifiedUser("HOMEOWNER");
        support.setPhone(user.userId(), NotificationTestSupport.uniquePhone());
        assertThat(sendCode(user).status()).isEqualTo(202);

        for (int attempt = 1; attempt <= 10; attempt++) {
            assertThat(confirm(user, "000000").status()).isIn(400, 200);
        }
        ApiClient.Response limited = confirm(user, "000000");

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isNotBlank();
    }

    @Test
    void withoutAPhoneNumberThereIsNothingToVerifyAndTheRoutesNeedASignedInUser() {
        SignedIn user = accounts.verifiedUser("HOMEOWNER");

        ApiClient.Response noPhone = sendCode(user);
        assertThat(noPhone.status()).isEqualTo(409);
        assertThat(noPhone.body()).contains("Add a phone number");
        assertThat(api.post("/api/me/phone-verification").send().status()).isEqualTo(401);
        assertThat(api.get("/api/me/notification-preferences").send().status()).isEqualTo(401);

        ApiClient.Response preferences = api.get("/api/me/notification-preferences")
                .bearer(user.accessToken())
                .send();
        assertThat(preferences.status()).isEqualTo(200);
        assertThat(preferences.json().get("groups")).hasSize(NotificationGroup.values().length);
        assertThat(preferences.json().get("phone").get("number").isNull()).isTrue();
        assertThat(preferences.body()).contains("\"group\":\"DISPUTES\"").contains("always sent");
    }

    private ApiClient.Response sendCode(SignedIn user) {
        return api.post("/api/me/phone-verification").bearer(user.accessToken()).send();
    }

    private ApiClient.Response confirm(SignedIn user, String code) {
        return api.post("/api/me/phone-verification/confirm")
                .bearer(user.accessToken())
                .json("{\"code\": \"" + code + "\"}")
                .send();
    }

    private static String codeIn(String body) {
        Matcher matcher = CODE.matcher(body);
        assertThat(matcher.find()).as("a code in the SMS").isTrue();
        return matcher.group(1);
    }

    private static LoggedRequest single(List<LoggedRequest> requests) {
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }
}
