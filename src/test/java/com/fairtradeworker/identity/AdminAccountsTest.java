package com.fairtradeworker.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.ApiClient.Response;
import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.TestAccounts;
import com.fairtradeworker.support.TestAccounts.SignedIn;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class AdminAccountsTest {

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Autowired
    DatabaseRoles db;

    @Test
    void onlyAdminsListAccounts() {
        SignedIn homeowner = accounts.verifiedUser("HOMEOWNER");
        SignedIn contractor = accounts.verifiedUser("CONTRACTOR");

        assertThat(api.get("/api/admin/users")
                        .bearer(homeowner.accessToken())
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/admin/users")
                        .bearer(contractor.accessToken())
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/admin/users").send().status()).isEqualTo(401);
    }

    @Test
    void adminsPageThroughAccountsWithACursor() {
        SignedIn admin = accounts.admin();
        accounts.verifiedUser("HOMEOWNER");
        accounts.verifiedUser("CONTRACTOR");

        Response first =
                api.get("/api/admin/users?limit=2").bearer(admin.accessToken()).send();
        String cursor = first.json().get("nextCursor").asString();
        Response second = api.get("/api/admin/users?limit=2&cursor=" + cursor)
                .bearer(admin.accessToken())
                .send();

        assertThat(first.json().get("items")).hasSize(2);
        Set<String> ids = new HashSet<>(first.json().findValuesAsString("id"));
        second.json()
                .get("items")
                .forEach(item -> assertThat(ids.add(item.get("id").asString())).isTrue());
        assertThat(first.body()).doesNotContain("passwordHash").doesNotContain("argon2");
        assertThat(api.get("/api/admin/users?limit=500")
                        .bearer(admin.accessToken())
                        .send()
                        .status())
                .isEqualTo(400);
        assertThat(api.get("/api/admin/users?cursor=garbage")
                        .bearer(admin.accessToken())
                        .send()
                        .status())
                .isEqualTo(400);
    }

    @Test
    void disableAndEnableAreAuditedStateTransitions() {
        SignedIn admin = accounts.admin();
        SignedIn user = accounts.verifiedUser("HOMEOWNER");

        Response disabled = api.post("/api/admin/users/" + user.userId() + "/disable")
                .bearer(admin.accessToken())
                .send();
        Response again = api.post("/api/admin/users/" + user.userId() + "/disable")
                .bearer(admin.accessToken())
                .send();
        Response enabled = api.post("/api/admin/users/" + user.userId() + "/enable")
                .bearer(admin.accessToken())
                .send();

        assertThat(disabled.json().get("status").asString()).isEqualTo("DISABLED");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("status").asString()).isEqualTo("DISABLED");
        assertThat(enabled.json().get("status").asString()).isEqualTo("ACTIVE");
        accounts.login(user.email(), TestAccounts.PASSWORD);
        assertThat(db.app()
                        .sql("SELECT action FROM audit_logs WHERE entity_id = ? AND actor_id = ? ORDER BY occurred_at")
                        .params(user.userId().toString(), admin.userId())
                        .query(String.class)
                        .list())
                .containsExactly("ACCOUNT_DISABLED", "ACCOUNT_ENABLED");
    }

    @Test
    void aMissingAccountIs404() {
        SignedIn admin = accounts.admin();

        assertThat(api.post("/api/admin/users/" + java.util.UUID.randomUUID() + "/disable")
                        .bearer(admin.accessToken())
                        .send()
                        .status())
                .isEqualTo(404);
    }
}
