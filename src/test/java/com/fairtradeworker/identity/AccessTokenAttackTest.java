package com.fairtradeworker.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.TestAccounts;
import com.fairtradeworker.support.TestAccounts.SignedIn;
import com.nimbusds.jose.JWSAlgorithm;
import java.security.SecureRandom;
import java.time.Instant;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every forged or stale token is refused with 401, never accepted and never a server error. */
@IntegrationTest
class AccessTokenAttackTest {

    private static final String KID = "ftw-hs256-1";

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Autowired
    SecretKey jwtSigningKey;

    @Test
    void theGenuineTokenWorks() {
        SignedIn user = accounts.verifiedUser("HOMEOWNER");

        assertThat(status(user.accessToken())).isEqualTo(200);
        assertThat(status(JwtForgery.signed(JWSAlgorithm.HS256, key(), KID, claims(user, "HOMEOWNER"))))
                .as("a token we sign ourselves, as a control for the attacks below")
                .isEqualTo(200);
    }

    @Test
    void algNoneIsRefused() {
        SignedIn user = accounts.verifiedUser("HOMEOWNER");

        assertThat(status(JwtForgery.unsigned(claims(user, "ADMIN")))).isEqualTo(401);
    }

    @Test
    void anotherAlgorithmWithTheSameKeyIsRefused() {
        SignedIn user = accounts.verifiedUser("HOMEOWNER");
        byte[] longKey = new byte[64];
        System.arraycopy(key(), 0, longKey, 0, Math.min(64, key().length));

        assertThat(status(JwtForgery.signed(JWSAlgorithm.HS512, longKey, KID, claims(user, "HOMEOWNER"))))
                .isEqualTo(401);
        assertThat(status(JwtForgery.signed(JWSAlgorithm.HS384, longKey, KID, claims(user, "HOMEOWNER"))))
                .isEqualTo(401);
    }

    @Test
    void aWrongKeyIsRefused() {
        SignedIn user = accounts.verifiedUser("HOMEOWNER");
        byte[] otherKey = new byte[32];
        new SecureRandom().nextBytes(otherKey);

        assertThat(status(JwtForgery.signed(JWSAlgorithm.HS256, otherKey, KID, claims(user, "ADMIN"))))
                .isEqualTo(401);
    }

    @Test
    void anUnknownKeyIdIsRefused() {
        SignedIn user = accounts.verifiedUser("HOMEOWNER");

        assertThat(status(JwtForgery.signed(JWSAlgorithm.HS256, key(), "other-key", claims(user, "HOMEOWNER"))))
                .isEqualTo(401);
    }

    @Test
    void anExpiredTokenIsRefused() {
        SignedIn user = accounts.verifiedUser("HOMEOWNER");
        var expired = JwtForgery.claims(
                        user.userId().toString(),
                        "HOMEOWNER",
                        user.sessionId(),
                        Instant.now().minusSeconds(3600),
                        Instant.now().minusSeconds(60))
                .build();

        assertThat(status(JwtForgery.signed(JWSAlgorithm.HS256, key(), KID, expired)))
                .isEqualTo(401);
    }

    @Test
    void editedClaimsBreakTheSignature() {
        SignedIn user = accounts.verifiedUser("HOMEOWNER");

        String promoted = JwtForgery.withEditedPayload(user.accessToken(), "\"HOMEOWNER\"", "\"ADMIN\"");

        assertThat(status(promoted)).isEqualTo(401);
        assertThat(api.get("/api/admin/users").bearer(promoted).send().status()).isEqualTo(401);
    }

    @Test
    void aTokenForAnEndedSessionIsRefused() {
        SignedIn user = accounts.verifiedUser("HOMEOWNER");
        api.delete("/api/me/sessions").bearer(user.accessToken()).send();

        assertThat(status(JwtForgery.signed(JWSAlgorithm.HS256, key(), KID, claims(user, "HOMEOWNER"))))
                .as("even correctly signed, a token is only as good as its session")
                .isEqualTo(401);
    }

    @Test
    void aDisabledAccountLosesItsSessionsAndCannotSignIn() {
        SignedIn user = accounts.verifiedUser("CONTRACTOR");
        SignedIn admin = accounts.admin();

        assertThat(api.post("/api/admin/users/" + user.userId() + "/disable")
                        .bearer(admin.accessToken())
                        .json("{\"reason\":\"fraud report\"}")
                        .send()
                        .status())
                .isEqualTo(200);

        assertThat(status(user.accessToken())).isEqualTo(401);
        var login = api.post("/api/auth/login")
                .json("{\"email\":\"%s\",\"password\":\"%s\"}".formatted(user.email(), TestAccounts.PASSWORD))
                .send();
        assertThat(login.status()).isEqualTo(403);
        assertThat(login.json().get("type").asString()).endsWith("/account-disabled");
    }

    @Test
    void garbageIsRefusedAsUnauthenticated() {
        assertThat(status("not-a-jwt")).isEqualTo(401);
        assertThat(status("a.b.c")).isEqualTo(401);
    }

    private int status(String token) {
        return api.get("/api/me").bearer(token).send().status();
    }

    private byte[] key() {
        return jwtSigningKey.getEncoded();
    }

    private static com.nimbusds.jwt.JWTClaimsSet claims(SignedIn user, String role) {
        return JwtForgery.claims(
                        user.userId().toString(),
                        role,
                        user.sessionId(),
                        Instant.now(),
                        Instant.now().plusSeconds(600))
                .build();
    }
}
