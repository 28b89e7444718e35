package com.fairtradeworker.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.profiles.MarketplaceRows.Deal;
import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.ApiClient.Response;
import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.TestAccounts;
import com.fairtradeworker.support.TestAccounts.SignedIn;
import com.fairtradeworker.timers.DueTimers;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@IntegrationTest
class AccountDeletionTest {

    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Autowired
    DatabaseRoles db;

    /** The application's own connection (runtime role), for money rows that must commit together. */
    @Autowired
    JdbcClient appJdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    DueTimers timers;

    @Test
    void deletionIsRefusedWithTheReasonWhileAContractIsOpen() {
        SignedIn homeowner = accounts.verifiedUser("HOMEOWNER");
        SignedIn contractor = accounts.verifiedUser("CONTRACTOR");
        Deal deal = new MarketplaceRows(db.owner()).deal(homeowner.userId(), contractor.userId(), "PENDING_FUNDING");

        for (SignedIn party : List.of(contractor, homeowner)) {
            Response refused = deleteAccount(party);

            assertThat(refused.status()).as(refused.body()).isEqualTo(409);
            JsonNode problem = refused.json();
            assertThat(problem.get("type").asString()).endsWith("/account-deletion-blocked");
            assertThat(problem.get("detail").asString()).contains("1 open contract");
            JsonNode open = problem.get("open").get("CONTRACT").get(0);
            assertThat(open.get("id").asString()).isEqualTo(deal.contractId().toString());
            assertThat(open.get("status").asString()).isEqualTo("PENDING_FUNDING");
        }
        JsonNode me = api.get("/api/me").bearer(contractor.accessToken()).send().json();
        assertThat(me.get("email").asString()).isEqualTo(contractor.email());
        assertThat(auditCount(contractor.userId(), "ACCOUNT_DELETED")).isZero();
    }

    @Test
    void anOpenDisputeOrAnUnpaidPayoutBlocksOnlyItsOwnParties() {
        SignedIn homeowner = accounts.verifiedUser("HOMEOWNER");
        SignedIn contractor = accounts.verifiedUser("CONTRACTOR");
        MarketplaceRows rows = new MarketplaceRows(appJdbc);
        Deal released = rows.deal(homeowner.userId(), contractor.userId(), "RELEASED");
        rows.releasedMoney(transactions, released.contractId(), contractor.userId(), "PENDING_ACCOUNT");
        SignedIn disputingHomeowner = accounts.verifiedUser("HOMEOWNER");
        Deal disputed = rows.deal(disputingHomeowner.userId(), contractor.userId(), "DISPUTED");
        rows.openDispute(disputed.contractId(), disputingHomeowner.userId());

        Response contractorRefused = deleteAccount(contractor);
        Response disputingRefused = deleteAccount(disputingHomeowner);

        assertThat(contractorRefused.status()).isEqualTo(409);
        assertThat(contractorRefused.json().get("open").propertyNames())
                .containsExactlyInAnyOrder("CONTRACT", "DISPUTE", "PAYOUT");
        assertThat(contractorRefused.json().get("detail").asString())
                .contains("1 open contract, 1 open dispute, 1 unpaid payout");
        assertThat(disputingRefused.status()).isEqualTo(409);
        assertThat(deleteAccount(homeowner).status())
                .as("the payout is the contractor's, not the homeowner's")
                .isEqualTo(204);
        assertThat(unbalancedCurrencies()).isEmpty();
    }

    @Test
    void aSessionAloneCannotDeleteTheAccount() {
        SignedIn homeowner = accounts.verifiedUser("HOMEOWNER");

        Response withoutPassword =
                api.delete("/api/me").bearer(homeowner.accessToken()).send();
        Response wrongPassword = api.delete("/api/me")
                .bearer(homeowner.accessToken())
                .json("{\"currentPassword\": \"not-my-password\"}")
                .send();

        assertThat(withoutPassword.status()).as(withoutPassword.body()).isEqualTo(400);
        assertThat(wrongPassword.status()).as(wrongPassword.body()).isEqualTo(401);
        assertThat(wrongPassword.json().get("type").asString()).endsWith("/invalid-credentials");
        assertThat(auditCount(homeowner.userId(), "PASSWORD_CONFIRMATION_REFUSED"))
                .isEqualTo(1);
        assertThat(auditCount(homeowner.userId(), "ACCOUNT_DELETED")).isZero();
        assertThat(api.get("/api/me").bearer(homeowner.accessToken()).send().status())
                .isEqualTo(200);

        assertThat(deleteAccount(homeowner).status()).isEqualTo(204);
        assertThat(auditCount(homeowner.userId(), "ACCOUNT_DELETED")).isEqualTo(1);
    }

    @Test
    void adminsAreRemovedByOperatorsNotByThemselves() {
        SignedIn admin = accounts.admin();

        assertThat(deleteAccount(admin).status()).isEqualTo(403);
        assertThat(api.delete("/api/me").send().status()).isEqualTo(401);
    }

    @Test
    void deletionLeavesNoPersonalDataAnywhereInTheDatabaseWhileTheLedgerStillBalances() {
        String name = "Zephyrine Quillfeather " + randomLetters(8);
        String email = TestAccounts.uniqueEmail();
        String newEmail = TestAccounts.uniqueEmail();
        String phone = "+1555" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
        String licenceNumber = "LIC-" + randomLetters(10);
        SignedIn contractor = signUp(email, name, phone);
        SignedIn admin = accounts.admin();
        ProfileSteps steps = new ProfileSteps(api);
        ObjectNode profile = ProfileRequests.completeContractorProfile(TODAY.plusDays(20), TODAY.plusYears(1));
        profile.put("businessName", name + " Plumbing");
        profile.put("bio", "Ask " + name + " anything: " + email);
        profile.put("phone", phone);
        profile.set("licence", ProfileRequests.licence(licenceNumber, "Greater London", TODAY.plusDays(20)));
        steps.saveContractorProfile(contractor, profile);
        ObjectNode submission = ProfileRequests.submission(TODAY.plusDays(20), TODAY.plusYears(1));
        submission.set("licence", profile.get("licence"));
        assertThat(api.post("/api/me/contractor-profile/verification")
                        .bearer(contractor.accessToken())
                        .json(submission.toString())
                        .send()
                        .status())
                .isEqualTo(200);
        assertThat(steps.decide(admin, contractor.userId(), "VERIFIED", "Checked.")
                        .status())
                .isEqualTo(200);
        requestAddressChange(contractor, newEmail);
        accounts.signUp(email, TestAccounts.PASSWORD, "HOMEOWNER"); // someone else tries this address
        SignedIn homeowner = accounts.verifiedUser("HOMEOWNER");
        MarketplaceRows rows = new MarketplaceRows(appJdbc);
        Deal deal = rows.deal(homeowner.userId(), contractor.userId(), "RELEASED");
        rows.releasedMoney(transactions, deal.contractId(), contractor.userId(), "PAID");
        UUID review = rows.review(deal.contractId(), contractor.userId(), homeowner.userId(), "Great client.");
        accounts.mailTo(email); // some mail is sent, some still waits in the outbox
        List<String> secrets = List.of(email, name, newEmail, phone, licenceNumber);
        assertThat(secrets)
                .as("the search finds each before deletion, so it can fail")
                .allSatisfy(secret -> assertThat(columnsContaining(secret)).isNotEmpty());
        assertThat(timers.live(contractor.userId())).isNotEmpty();

        Response deleted = deleteAccount(contractor);

        assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
        assertThat(secrets)
                .allSatisfy(secret -> assertThat(columnsContaining(secret))
                        .as("columns still holding %s", secret)
                        .isEmpty());
        assertThat(unbalancedCurrencies()).isEmpty();
        assertThat(count(
                        "SELECT count(*) FROM ledger_entries e JOIN transactions t ON t.id = e.transaction_id"
                                + " WHERE t.contract_id = ?",
                        deal.contractId()))
                .isEqualTo(5);
        assertThat(count(
                        "SELECT count(*) FROM bid_contracts WHERE id = ? AND contractor_id = ?",
                        deal.contractId(),
                        contractor.userId()))
                .isEqualTo(1);
        assertThat(count(
                        "SELECT count(*) FROM payouts WHERE contractor_id = ? AND status = 'PAID'",
                        contractor.userId()))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM reviews WHERE id = ?", review)).isEqualTo(1);
        Map<String, Object> user = db.owner()
                .sql("SELECT email::text AS email, display_name, phone, status, deleted_at FROM users WHERE id = ?")
                .param(contractor.userId())
                .query()
                .singleRow();
        assertThat(user)
                .containsEntry("email", "deleted-" + contractor.userId() + "@invalid")
                .containsEntry("display_name", "Deleted user")
                .containsEntry("status", "DELETED");
        assertThat(user.get("phone")).isNull();
        assertThat(user.get("deleted_at")).isNotNull();
        assertThat(count(
                        "SELECT count(*) FROM notifications WHERE user_id = ? AND status = 'PENDING'",
                        contractor.userId()))
                .isZero();
        assertThat(timers.live(contractor.userId())).isEmpty();
        assertThat(auditCount(contractor.userId(), "ACCOUNT_DELETED")).isEqualTo(1);

        assertThat(api.get("/api/me").bearer(contractor.accessToken()).send().status())
                .as("every session ended")
                .isEqualTo(401);
        assertThat(api.post("/api/auth/login")
                        .json("{\"email\":\"%s\",\"password\":\"%s\"}".formatted(email, TestAccounts.PASSWORD))
                        .send()
                        .status())
                .isEqualTo(401);
        assertThat(api.get("/api/contractors/" + contractor.userId()).send().status())
                .isEqualTo(404);
    }

    /** Every text-like column of every table in the public schema that contains the value (case-insensitive). */
    private List<String> columnsContaining(String value) {
        List<Map<String, Object>> columns = db.owner().sql("""
                        SELECT c.table_name, c.column_name
                          FROM information_schema.columns c
                          JOIN information_schema.tables t
                            ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                         WHERE c.table_schema = 'public'
                           AND t.table_type = 'BASE TABLE'
                           AND c.udt_name IN ('text', 'varchar', 'bpchar', 'citext', 'json', 'jsonb')
                         ORDER BY c.table_name, c.column_name
                        """).query().listOfRows();
        assertThat(columns).as("text columns found").hasSizeGreaterThan(50);
        return columns.stream()
                .filter(column -> count(
                                "SELECT count(*) FROM public." + quoted(column.get("table_name"))
                                        + " WHERE strpos(lower(CAST(" + quoted(column.get("column_name"))
                                        + " AS text)), lower(?)) > 0",
                                value)
                        > 0)
                .map(column -> column.get("table_name") + "." + column.get("column_name"))
                .toList();
    }

    private List<Map<String, Object>> unbalancedCurrencies() {
        return db.owner()
                .sql("SELECT currency, sum(amount_minor) FROM ledger_entries GROUP BY currency"
                        + " HAVING sum(amount_minor) <> 0")
                .query()
                .listOfRows();
    }

    private SignedIn signUp(String email, String displayName, String phone) {
        Response signup = api.post("/api/auth/signup")
                .json("""
                        {"email":"%s","password":"%s","displayName":"%s","phone":"%s","accountType":"CONTRACTOR"}
                        """.formatted(email, TestAccounts.PASSWORD, displayName, phone))
                .send();
        assertThat(signup.status()).isEqualTo(202);
        assertThat(api.post("/api/auth/email-verification")
                        .json("{\"token\":\"" + accounts.latestToken(email) + "\"}")
                        .send()
                        .status())
                .isEqualTo(200);
        return accounts.login(email, TestAccounts.PASSWORD);
    }

    private void requestAddressChange(SignedIn user, String newEmail) {
        assertThat(api.post("/api/me/email")
                        .bearer(user.accessToken())
                        .json("{\"newEmail\":\"%s\",\"currentPassword\":\"%s\"}"
                                .formatted(newEmail, TestAccounts.PASSWORD))
                        .send()
                        .status())
                .isEqualTo(202);
    }

    private long auditCount(UUID userId, String action) {
        return count("SELECT count(*) FROM audit_logs WHERE action = ? AND entity_id = ?", action, userId.toString());
    }

    private long count(String sql, Object... params) {
        return db.owner().sql(sql).params(params).query(Long.class).single();
    }

    private static String quoted(Object identifier) {
        return '"' + identifier.toString().replace("\"", "\"\"") + '"';
    }

    private static String randomLetters(int length) {
        StringBuilder letters = new StringBuilder();
        for (int i = 0; i < length; i++) {
            letters.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return letters.toString();
    }

    /** DELETE /api/me with the account's password, as the route requires. */
    private Response deleteAccount(SignedIn user) {
        return api.delete("/api/me")
                .bearer(user.accessToken())
                .json("{\"currentPassword\": \"" + TestAccounts.PASSWORD + "\"}")
                .send();
    }
}
