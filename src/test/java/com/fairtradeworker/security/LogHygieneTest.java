package com.fairtradeworker.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.CapturedLogs;
import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.TestAccounts;
import com.fairtradeworker.support.TestAccounts.SignedIn;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Runs every flow that handles a secret (sign-up, verification, login success and failure, refresh and reuse, reset,
 * password change), then searches everything logged so far in the suite for those secrets.
 */
@IntegrationTest
class LogHygieneTest {

    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}\\.");
    /** 15 or 16 digits standing alone (not part of a path, id or word) that pass the Luhn check, like a card number. */
    private static final Pattern CARD_LIKE = Pattern.compile("(?<![\\w/.-])\\d{15,16}(?![\\w/.-])");

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Autowired
    CapturedLogs logs;

    @Value("${app.jwt-secret}")
    String jwtSecret;

    @Test
    void theCardCheckRecognisesACardNumber() {
        assertThat(luhnValid("4242424242424242")).isTrue();
        assertThat(CARD_LIKE.matcher("charge 4242424242424242 ok").find()).isTrue();
        assertThat(CARD_LIKE.matcher("/tmp/junit-4242424242424242").find()).isFalse();
    }

    @Test
    void noPasswordTokenResetLinkOrSecretIsEverLogged() {
        List<String> secrets = new ArrayList<>(List.of(TestAccounts.PASSWORD, jwtSecret));
        SignedIn user = accounts.verifiedUser("HOMEOWNER");
        secrets.add(user.accessToken());
        secrets.add(user.refreshToken());
        String wrongPassword = "Wrong-Secret-Attempt-8812";
        api.post("/api/auth/login")
                .json("{\"email\":\"%s\",\"password\":\"%s\"}".formatted(user.email(), wrongPassword))
                .send();
        secrets.add(wrongPassword);
        String rotated = api.post("/api/auth/refresh")
                .json("{\"refreshToken\":\"%s\"}".formatted(user.refreshToken()))
                .send()
                .json()
                .get("refreshToken")
                .asString();
        secrets.add(rotated);
        api.post("/api/auth/refresh")
                .json("{\"refreshToken\":\"%s\"}".formatted(user.refreshToken()))
                .send();
        api.post("/api/auth/password-reset")
                .json("{\"email\":\"%s\"}".formatted(user.email()))
                .send();
        String resetToken = accounts.latestToken(user.email());
        secrets.add(resetToken);
        String newPassword = "Quiet-Harbour-5523-Otter";
        api.post("/api/auth/password-reset/confirmation")
                .json("{\"token\":\"%s\",\"newPassword\":\"%s\"}".formatted(resetToken, newPassword))
                .send();
        secrets.add(newPassword);

        List<String> lines = logs.lines();

        assertThat(lines).as("the capture works").isNotEmpty();
        for (String line : lines) {
            for (String secret : secrets) {
                assertThat(line).as("a log line contains a secret").doesNotContain(secret);
            }
            assertThat(line).doesNotContain("reset-password?token=").doesNotContain("verify-email?token=");
            assertThat(JWT.matcher(line).find()).as("a JWT in: %s", line).isFalse();
            assertThat(CARD_LIKE.matcher(line).find())
                    .as("a card-like number in: %s", line)
                    .isFalse();
            assertThat(line).doesNotContain("$argon2id$");
        }
    }

    private static boolean luhnValid(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }
}
