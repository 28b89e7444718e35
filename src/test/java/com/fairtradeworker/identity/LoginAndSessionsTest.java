package com.fairtradeworker.identity;

import static com.fairtradeworker.support.TestAccounts.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.ApiClient.Response;
import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.MutableClock;
import com.fairtradeworker.support.RawHttp;
import com.fairtradeworker.support.TestAccounts;
import com.fairtradeworker.support.TestAccounts.SignedIn;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

@IntegrationTest
class LoginAndSessionsTest {

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Autowired
    MutableClock clock;

    @Autowired
    Environment environment;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aSignedInUserReachesTheirAccountWithTheAccessToken() {
        SignedIn user = accounts.verifiedUser("HOMEOWNER");

        Response me = api.get("/api/me").bearer(user.accessToken()).send();

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("id").asString()).isEqualTo(user.userId().toString());
        assertThat(me.body()).doesNotContain("password");
    }

    @Test
    void aWrongPasswordAndAnUnknownAddressLookTheSame() {
        SignedIn user = accounts.verifiedUser("HOMEOWNER");

        Response wrongPassword = login(user.email(), "Wrong-Password-12345");
        Response unknownAddress = login(TestAccounts.uniqueEmail(), "Wrong-Password-12345");

        assertThat(wrongPassword.status()).isEqualTo(401).isEqualTo(unknownAddress.status());
        assertThat(wrongPassword.json().get("type"))
                .isEqualTo(unknownAddress.json().get("type"));
        assertThat(wrongPassword.json().get("detail"))
                .isEqualTo(unknownAddress.json().get("detail"));
    }

    @Test
    void theEleventhAttemptOnAnAccountWithin15MinutesIsRefusedWhateverTheClientAddress() {
        SignedIn user = accounts.verifiedUser("HOMEOWNER");
        for (int attempt = 1; attempt <= 9; attempt++) {
            assertThat(login(user.email(), "Wrong-Password-12345").status()).isEqualTo(401);
        }

        Response eleventh = login(user.email(), PASSWORD);

        assertThat(eleventh.status())
                .as("10 attempts include the verified user's own first login")
                .isEqualTo(429);
        assertThat(Long.parseLong(eleventh.header("Retry-After"))).isPositive();
        assertThat(eleventh.json().get("type").asString()).endsWith("/rate-limited");
    }

    @Test
    void rotatingXForwardedForFromAnUntrustedPeerDoesNotResetTheIpLimit() {
        int port = Integer.parseInt(environment.getRequiredProperty("local.server.port"));
        String body = "{\"email\":\"%s\",\"password\":\"Wrong-Password-12345\"}";
        for (int attempt = 1; attempt <= 10; attempt++) {
            int status = RawHttp.post(
                    "127.0.0.2",
                    port,
                    "/api/auth/login",
                    Map.of("X-Forwarded-For", "198.51.100." + attempt),
                    body.formatted(TestAccounts.uniqueEmail()));
            assertThat(status).isEqualTo(401);
        }

        int eleventh = RawHttp.post(
                "127.0.0.2",
                port,
                "/api/auth/login",
                Map.of("X-Forwarded-For", "198.51.100.77"),
                body.formatted(TestAccounts.uniqueEmail()));

        assertThat(eleventh).isEqualTo(429);
    }

    @Test
    void refreshTokensRotateAndAReusedOneEndsTheSession() {
        SignedIn user = accounts.verifiedUser("CONTRACTOR");

        Response first = refresh(user.refreshToken());
        String second = first.json().get("refreshToken").asString();
        Response replay = refresh(user.refreshToken());

        assertThat(first.status()).isEqualTo(200);
        assertThat(second).isNotEqualTo(user.refreshToken());
        assertThat(replay.status()).isEqualTo(401);
        assertThat(refresh(second).status()).as("the whole session ended").isEqualTo(401);
        assertThat(api.get("/api/me")
                        .bearer(first.json().get("accessToken").asString())
                        .send()
                        .status())
                .isEqualTo(401);
    }

    @Test
    void logoutRevokesTheAccessTokenAtOnce() {
        SignedIn user = accounts.verifiedUser("HOMEOWNER");

        assertThat(api.post("/api/auth/logout")
                        .bearer(user.accessToken())
                        .send()
                        .status())
                .isEqualTo(204);

        Response after = api.get("/api/me").bearer(user.accessToken()).send();
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.header("WWW-Authenticate")).contains("invalid_token");
        assertThat(refresh(user.refreshToken()).status()).isEqualTo(401);
    }

    @Test
    void usersListTheirSessionsAndEndOneOrAll() {
        SignedIn laptop = accounts.verifiedUser("HOMEOWNER");
        SignedIn phone = accounts.login(laptop.email(), PASSWORD);

        Response list = api.get("/api/me/sessions").bearer(laptop.accessToken()).send();
        assertThat(list.json().findValuesAsString("id")).contains(laptop.sessionId(), phone.sessionId());

        assertThat(api.delete("/api/me/sessions/" + phone.sessionId())
                        .bearer(laptop.accessToken())
                        .send()
                        .status())
                .isEqualTo(204);
        assertThat(api.get("/api/me").bearer(phone.accessToken()).send().status())
                .isEqualTo(401);
        assertThat(api.get("/api/me").bearer(laptop.accessToken()).send().status())
                .isEqualTo(200);

        assertThat(api.delete("/api/me/sessions")
                        .bearer(laptop.accessToken())
                        .send()
                        .status())
                .isEqualTo(204);
        assertThat(api.get("/api/me").bearer(laptop.accessToken()).send().status())
                .isEqualTo(401);
    }

    @Test
    void anotherUsersSessionAnswersLikeAMissingOne() {
        SignedIn alice = accounts.verifiedUser("HOMEOWNER");
        SignedIn bob = accounts.verifiedUser("HOMEOWNER");

        Response foreign = api.delete("/api/me/sessions/" + bob.sessionId())
                .bearer(alice.accessToken())
                .send();
        Response missing = api.delete("/api/me/sessions/no-such-session")
                .bearer(alice.accessToken())
                .send();

        assertThat(foreign.status()).isEqualTo(404).isEqualTo(missing.status());
        assertThat(foreign.json().get("detail")).isEqualTo(missing.json().get("detail"));
        assertThat(api.get("/api/me").bearer(bob.accessToken()).send().status()).isEqualTo(200);
    }

    @Test
    void anAccessTokenExpiresAfter15Minutes() {
        clock.pinAt(Instant.now());
        SignedIn user = accounts.verifiedUser("HOMEOWNER");

        clock.advance(Duration.ofMinutes(14));
        assertThat(api.get("/api/me").bearer(user.accessToken()).send().status())
                .isEqualTo(200);
        clock.advance(Duration.ofMinutes(1).plusSeconds(10));
        assertThat(api.get("/api/me").bearer(user.accessToken()).send().status())
                .isEqualTo(401);
    }

    private Response login(String email, String password) {
        return api.post("/api/auth/login")
                .json("{\"email\":\"%s\",\"password\":\"%s\"}".formatted(email, password))
                .send();
    }

    private Response refresh(String refreshToken) {
        return api.post("/api/auth/refresh")
                .json("{\"refreshToken\":\"%s\"}".formatted(refreshToken))
                .send();
    }
}
