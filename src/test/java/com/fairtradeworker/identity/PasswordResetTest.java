package com.fairtradeworker.identity;

import static com.fairtradeworker.support.TestAccounts.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.ApiClient.Response;
import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.MutableClock;
import com.fairtradeworker.support.TestAccounts;
import com.fairtradeworker.support.TestAccounts.SignedIn;
import com.fairtradeworker.support.TestMailServer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class PasswordResetTest {

    private static final String NEW_PASSWORD = "Marmalade-Comet-9031-Wombat";

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Autowired
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void knownAndUnknownAddressesGetTheSameAnswer() {
        SignedIn user = accounts.verifiedUser("HOMEOWNER");

        Response known = requestReset(user.email());
        Response unknown = requestReset(TestAccounts.uniqueEmail());

        assertThat(known.status()).isEqualTo(202).isEqualTo(unknown.status());
        assertThat(known.body()).isEqualTo(unknown.body());
        assertThat(known.header("Content-Type")).isEqualTo(unknown.header("Content-Type"));
    }

    @Test
    void aResetSetsTheNewPasswordEndsEverySessionAndTellsTheUser() {
        SignedIn user = accounts.verifiedUser("CONTRACTOR");
        requestReset(user.email());
        String token = accounts.latestToken(user.email());

        assertThat(confirm(token, NEW_PASSWORD).status()).isEqualTo(204);

        assertThat(api.get("/api/me").bearer(user.accessToken()).send().status())
                .isEqualTo(401);
        assertThat(login(user.email(), PASSWORD).status()).isEqualTo(401);
        accounts.login(user.email(), NEW_PASSWORD);
        var mails = accounts.mailTo(user.email());
        assertThat(TestMailServer.textOf(mails.get(mails.size() - 1)))
                .contains("password of your account was just changed");
    }

    @Test
    void aTokenWorksOnce() {
        SignedIn user = accounts.verifiedUser("HOMEOWNER");
        requestReset(user.email());
        String token = accounts.latestToken(user.email());

        assertThat(confirm(token, NEW_PASSWORD).status()).isEqualTo(204);
        Response reused = confirm(token, "Another-Password-7781-Lemur");

        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.json().get("type").asString()).endsWith("/invalid-token");
    }

    @Test
    void aTokenExpiresAfterOneHour() {
        clock.pinAt(Instant.now());
        SignedIn user = accounts.verifiedUser("HOMEOWNER");
        requestReset(user.email());
        String token = accounts.latestToken(user.email());

        clock.advance(Duration.ofMinutes(61));

        assertThat(confirm(token, NEW_PASSWORD).status()).isEqualTo(400);
    }

    @Test
    void aNewerRequestSupersedesTheOlderToken() {
        SignedIn user = accounts.verifiedUser("HOMEOWNER");
        requestReset(user.email());
        String older = accounts.latestToken(user.email());
        requestReset(user.email());
        String newer = accounts.latestToken(user.email());

        assertThat(confirm(older, NEW_PASSWORD).status()).isEqualTo(400);
        assertThat(confirm(newer, NEW_PASSWORD).status()).isEqualTo(204);
    }

    @Test
    void theNewPasswordMustPassThePolicy() {
        SignedIn user = accounts.verifiedUser("HOMEOWNER");
        requestReset(user.email());
        String token = accounts.latestToken(user.email());

        Response weak = confirm(token, "password1234");

        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.json().get("errors").get(0).get("field").asString()).isEqualTo("newPassword");
        assertThat(confirm(token, NEW_PASSWORD).status())
                .as("a refused password does not spend the token")
                .isEqualTo(204);
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndEndsTheOtherSessions() {
        SignedIn laptop = accounts.verifiedUser("HOMEOWNER");
        SignedIn phone = accounts.login(laptop.email(), PASSWORD);

        Response wrong = changePassword(laptop, "Not-The-Password-123", NEW_PASSWORD);
        Response changed = changePassword(laptop, PASSWORD, NEW_PASSWORD);

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(changed.status()).isEqualTo(204);
        assertThat(api.get("/api/me").bearer(laptop.accessToken()).send().status())
                .isEqualTo(200);
        assertThat(api.get("/api/me").bearer(phone.accessToken()).send().status())
                .isEqualTo(401);
        accounts.login(laptop.email(), NEW_PASSWORD);
    }

    @Test
    void guessingTheCurrentPasswordThroughAChangeIsLimited() {
        SignedIn user = accounts.verifiedUser("HOMEOWNER");

        for (int guess = 1; guess <= 10; guess++) {
            assertThat(changePassword(user, "Wrong-Guess-" + guess + "-xyz", NEW_PASSWORD)
                            .status())
                    .isEqualTo(401);
        }
        Response limited = changePassword(user, PASSWORD, NEW_PASSWORD);

        assertThat(limited.status())
                .as("even the right password, once the account's attempts are used up")
                .isEqualTo(429);
        assertThat(limited.header("Retry-After")).isNotBlank();
        accounts.login(user.email(), PASSWORD); // unchanged
    }

    private Response changePassword(SignedIn user, String current, String next) {
        return api.put("/api/me/password")
                .bearer(user.accessToken())
                .json("{\"currentPassword\":\"%s\",\"newPassword\":\"%s\"}".formatted(current, next))
                .send();
    }

    private Response requestReset(String email) {
        return api.post("/api/auth/password-reset")
                .json("{\"email\":\"%s\"}".formatted(email))
                .send();
    }

    private Response confirm(String token, String password) {
        return api.post("/api/auth/password-reset/confirmation")
                .json("{\"token\":\"%s\",\"newPassword\":\"%s\"}".formatted(token, password))
                .send();
    }

    private Response login(String email, String password) {
        return api.post("/api/auth/login")
                .json("{\"email\":\"%s\",\"password\":\"%s\"}".formatted(email, password))
                .send();
    }
}
