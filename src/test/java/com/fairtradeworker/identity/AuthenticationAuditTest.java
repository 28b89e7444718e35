package com.fairtradeworker.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.TestAccounts;
import com.fairtradeworker.support.TestAccounts.SignedIn;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Authentication events leave audit rows with IP and request id, and never a name or an e-mail address. */
@IntegrationTest
class AuthenticationAuditTest {

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Autowired
    DatabaseRoles db;

    @Test
    void signUpVerificationLoginFailureAndLogoutAreAudited() {
        SignedIn user = accounts.verifiedUser("HOMEOWNER");
        api.post("/api/auth/login")
                .header("X-Request-Id", "audit-login-failure-1")
                .json("{\"email\":\"%s\",\"password\":\"Wrong-Password-12345\"}".formatted(user.email()))
                .send();
        api.post("/api/auth/logout").bearer(user.accessToken()).send();

        List<Map<String, Object>> rows = db.app()
                .sql("SELECT action, host(ip) AS ip, request_id, details::text AS details FROM audit_logs"
                        + " WHERE entity_id = ? ORDER BY occurred_at")
                .param(user.userId().toString())
                .query()
                .listOfRows();

        assertThat(rows)
                .extracting(row -> row.get("action"))
                .containsSubsequence("SIGNED_UP", "EMAIL_VERIFIED", "LOGIN_SUCCEEDED", "LOGIN_FAILED", "LOGGED_OUT");
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.get("ip")).isNotNull();
            assertThat(row.get("request_id")).isNotNull();
            assertThat(row.get("details").toString())
                    .doesNotContain(user.email())
                    .doesNotContain("Test User");
        });
        assertThat(rows).anyMatch(row -> "audit-login-failure-1".equals(row.get("request_id")));
    }
}
