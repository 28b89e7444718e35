package com.fairtradeworker.identity.password;

import static com.fairtradeworker.support.TestAccounts.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.ApiClient.Response;
import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.TestAccounts;
import com.fairtradeworker.support.TestAccounts.SignedIn;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** The configured limiter and hasher of the running service (nothing replaced): 503 when full, never in a transaction. */
@IntegrationTest
class PasswordHashingCapacityTest {

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Autowired
    PasswordHashingLimiter limiter;

    @Autowired
    PasswordHasher hasher;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void whileEveryHashingPermitIsTakenALoginAnswers503WithRetryAfter() throws Exception {
        SignedIn user = accounts.verifiedUser("HOMEOWNER");

        Response login;
        long start = System.nanoTime();
        try (HeldHashingPermits held = HeldHashingPermits.takeAll(limiter)) {
            login = login(user.email(), PASSWORD);
        }
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertThat(login.status()).isEqualTo(503);
        assertThat(Long.parseLong(login.header("Retry-After"))).isPositive();
        assertThat(login.json().get("type").asString()).endsWith("/service-unavailable");
        assertThat(login.body()).doesNotContain("accessToken");
        assertThat(waited).as("it waited for a permit first").isGreaterThanOrEqualTo(limiter.waitLimit());
        assertThat(login(user.email(), PASSWORD).status())
                .as("with the permits free again")
                .isEqualTo(200);
    }

    @Test
    void whileEveryHashingPermitIsTakenAPasswordChangeAnswers503AndChangesNothing() throws Exception {
        SignedIn user = accounts.verifiedUser("CONTRACTOR");

        Response change;
        try (HeldHashingPermits held = HeldHashingPermits.takeAll(limiter)) {
            change = api.put("/api/me/password")
                    .bearer(user.accessToken())
                    .json("{\"currentPassword\":\"%s\",\"newPassword\":\"Brand-New-Password-2025\"}"
                            .formatted(PASSWORD))
                    .send();
        }

        assertThat(change.status()).isEqualTo(503);
        assertThat(change.header("Retry-After")).isNotBlank();
        assertThat(login(user.email(), PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void theServicesHasherRefusesToRunInsideADatabaseTransaction() {
        // What keeps every sign-in, sign-up, reset and change from holding a pooled connection through Argon2: had
        // any of them hashed inside its transaction, its tests would answer 500.
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> hasher.hash(PASSWORD)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(hasher.hash(PASSWORD)).startsWith("$argon2id$");
    }

    private Response login(String email, String password) {
        return api.post("/api/auth/login")
                .json("{\"email\":\"%s\",\"password\":\"%s\"}".formatted(email, password))
                .send();
    }
}
