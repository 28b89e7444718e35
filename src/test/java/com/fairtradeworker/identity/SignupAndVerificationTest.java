package com.fairtradeworker.identity;

import static com.fairtradeworker.support.TestAccounts.PASSWORD;
import static com.fairtradeworker.support.TestAccounts.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.ApiClient.Response;
import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.MutableClock;
import com.fairtradeworker.support.TestAccounts;
import com.fairtradeworker.support.TestMailServer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class SignupAndVerificationTest {

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Autowired
    IdentityApi identity;

    @Autowired
    MutableClock clock;

    @Autowired
    DatabaseRoles db;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void signUpSendsAVerificationLinkThatVerifiesTheAddressOnce() {
        String email = uniqueEmail();

        assertThat(accounts.signUp(email, PASSWORD, "CONTRACTOR").status()).isEqualTo(202);
        String token = accounts.latestToken(email);
        Response verified = confirm(token);
        Response again = confirm(token);

        assertThat(verified.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("type").asString()).endsWith("/invalid-token");
        TestAccounts.SignedIn user = accounts.login(email, PASSWORD);
        Response me = api.get("/api/me").bearer(user.accessToken()).send();
        assertThat(me.json().get("emailVerified").asBoolean()).isTrue();
        assertThat(me.json().get("role").asString()).isEqualTo("CONTRACTOR");
    }

    @Test
    void theLinkPointsAtTheFrontEndAndTheTokenIsStoredOnlyAsAHash() {
        String email = uniqueEmail();
        accounts.signUp(email, PASSWORD, "HOMEOWNER");
        String text = TestMailServer.textOf(accounts.mailTo(email).get(0));
        String token = accounts.latestToken(email);

        assertThat(text).contains("http://localhost:5173/verify-email?token=");
        assertThat(token.length()).as("256 bits, base64url").isGreaterThanOrEqualTo(43);
        long stored = db.owner()
                .sql("SELECT count(*) FROM email_verifications WHERE encode(token_hash, 'escape') LIKE ?")
                .param("%" + token + "%")
                .query(Long.class)
                .single();
        assertThat(stored).isZero();
    }

    @Test
    void anExpiredLinkIsRefused() {
        String email = uniqueEmail();
        accounts.signUp(email, PASSWORD, "HOMEOWNER");
        String token = accounts.latestToken(email);

        clock.pinAt(Instant.now().plus(Duration.ofHours(24)).plusSeconds(5));

        assertThat(confirm(token).status()).isEqualTo(400);
    }

    @Test
    void signingUpWithATakenAddressAnswersTheSameAndWarnsTheOwner() {
        String email = uniqueEmail();
        Response first = accounts.signUp(email, PASSWORD, "HOMEOWNER");
        Response second = accounts.signUp(email.toUpperCase(), PASSWORD, "CONTRACTOR");

        assertThat(second.status()).isEqualTo(first.status());
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(accounts.mailTo(email)).hasSize(2);
        assertThat(TestMailServer.textOf(accounts.mailTo(email).get(1))).contains("already has");
        assertThat(db.app()
                        .sql("SELECT count(*) FROM users WHERE email = ?")
                        .param(email)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void roleAndVerificationFlagsCannotBeMassAssigned() {
        String email = uniqueEmail();
        String[] attacks = {
            "{\"email\":\"%s\",\"password\":\"%s\",\"displayName\":\"X\",\"accountType\":\"ADMIN\"}",
            "{\"email\":\"%s\",\"password\":\"%s\",\"displayName\":\"X\",\"accountType\":\"HOMEOWNER\",\"role\":\"ADMIN\"}",
            "{\"email\":\"%s\",\"password\":\"%s\",\"displayName\":\"X\",\"accountType\":\"HOMEOWNER\",\"emailVerified\":true}",
            "{\"email\":\"%s\",\"password\":\"%s\",\"displayName\":\"X\",\"accountType\":\"HOMEOWNER\",\"id\":\"00000000-0000-0000-0000-000000000001\"}",
            "{\"email\":\"%s\",\"password\":\"%s\",\"displayName\":\"X\",\"accountType\":\"HOMEOWNER\",\"createdAt\":\"2020-01-01T00:00:00Z\"}"
        };
        for (String attack : attacks) {
            Response response = api.post("/api/auth/signup")
                    .json(attack.formatted(email, PASSWORD))
                    .send();
            assertThat(response.status()).as(attack).isEqualTo(400);
        }
        assertThat(db.app()
                        .sql("SELECT count(*) FROM users WHERE email = ?")
                        .param(email)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void passwordLengthBoundaries() {
        assertThat(accounts.signUp(uniqueEmail(), "Xq7#vL2!mP9z".substring(0, 11), "HOMEOWNER")
                        .status())
                .isEqualTo(400);
        assertThat(accounts.signUp(uniqueEmail(), "Xq7#vL2!mP9z", "HOMEOWNER").status())
                .isEqualTo(202);
        String longest = "Zq8!".repeat(32);
        assertThat(accounts.signUp(uniqueEmail(), longest, "HOMEOWNER").status())
                .isEqualTo(202);
        Response tooLong = accounts.signUp(uniqueEmail(), longest + "w", "HOMEOWNER");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("errors").get(0).get("field").asString()).isEqualTo("password");
    }

    @Test
    void aCommonPasswordAndOneContainingTheAddressAreRefused() {
        Response common = accounts.signUp(uniqueEmail(), "password1234", "HOMEOWNER");
        String email = uniqueEmail();
        String local = email.substring(0, email.indexOf('@'));
        Response containsAddress = accounts.signUp(email, "Zz9!" + local, "HOMEOWNER");

        assertThat(common.status()).isEqualTo(400);
        assertThat(containsAddress.status()).isEqualTo(400);
        assertThat(common.body()).doesNotContain("password1234");
    }

    @Test
    void unverifiedUsersSignInButFailTheSharedCheckUntilVerified() {
        TestAccounts.SignedIn user = accounts.unverifiedUser("HOMEOWNER");

        assertThatThrownBy(() -> identity.requireVerifiedEmail(user.userId()))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("Verify your e-mail");

        confirm(accounts.latestToken(user.email()));
        identity.requireVerifiedEmail(user.userId());
        assertThat(identity.hasVerifiedEmail(user.userId())).isTrue();
    }

    @Test
    void resendingTheLinkReplacesTheOldOneAndIsThrottled() {
        TestAccounts.SignedIn user = accounts.unverifiedUser("HOMEOWNER");
        String first = accounts.latestToken(user.email());

        Response resent = api.post("/api/me/email-verification")
                .bearer(user.accessToken())
                .send();
        String second = accounts.latestToken(user.email());

        assertThat(resent.status()).isEqualTo(202);
        assertThat(second).isNotEqualTo(first);
        assertThat(confirm(first).status()).as("the older link no longer works").isEqualTo(400);
        for (int i = 2; i <= 10; i++) {
            api.post("/api/me/email-verification").bearer(user.accessToken()).send();
        }
        Response eleventh = api.post("/api/me/email-verification")
                .bearer(user.accessToken())
                .send();
        assertThat(eleventh.status()).isEqualTo(429);
        assertThat(eleventh.header("Retry-After")).isNotBlank();
    }

    @Test
    void changingTheAddressNeedsTheNewOneVerifiedAndTellsTheOldOne() {
        TestAccounts.SignedIn user = accounts.verifiedUser("HOMEOWNER");
        String newEmail = uniqueEmail();

        Response wrongPassword = api.post("/api/me/email")
                .bearer(user.accessToken())
                .json("{\"newEmail\":\"%s\",\"currentPassword\":\"not-my-password\"}".formatted(newEmail))
                .send();
        Response requested = api.post("/api/me/email")
                .bearer(user.accessToken())
                .json("{\"newEmail\":\"%s\",\"currentPassword\":\"%s\"}".formatted(newEmail, PASSWORD))
                .send();

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(requested.status()).isEqualTo(202);
        assertThat(TestMailServer.textOf(lastMail(user.email()))).contains(newEmail);
        assertThat(api.get("/api/me")
                        .bearer(user.accessToken())
                        .send()
                        .json()
                        .get("email")
                        .asString())
                .as("unchanged until confirmed")
                .isEqualTo(user.email());
        assertThat(confirm(accounts.latestToken(newEmail)).status()).isEqualTo(200);
        assertThat(api.get("/api/me")
                        .bearer(user.accessToken())
                        .send()
                        .json()
                        .get("email")
                        .asString())
                .isEqualTo(newEmail);
        accounts.login(newEmail, PASSWORD);
    }

    private jakarta.mail.internet.MimeMessage lastMail(String email) {
        var messages = accounts.mailTo(email);
        return messages.get(messages.size() - 1);
    }

    private Response confirm(String token) {
        return api.post("/api/auth/email-verification")
                .json("{\"token\":\"" + token + "\"}")
                .send();
    }
}
