package com.fairtradeworker.disputes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.ApiClient.Response;
import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.EscrowFixtures;
import com.fairtradeworker.support.EscrowFixtures.Funded;
import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.LedgerInvariants;
import com.fairtradeworker.support.MarketplaceFixtures;
import com.fairtradeworker.support.MutableClock;
import com.fairtradeworker.support.TestAccounts;
import com.fairtradeworker.support.TestAccounts.SignedIn;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The admins' queue: by state, oldest first, in keyset pages; and one dispute's whole record with its escrow. */
@IntegrationTest
class AdminDisputeQueueTest {

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Autowired
    DatabaseRoles db;

    @Autowired
    MutableClock clock;

    MarketplaceFixtures market;
    EscrowFixtures escrow;
    DisputeFixtures disputes;
    SignedIn admin;

    @BeforeEach
    void fixtures() {
        market = new MarketplaceFixtures(api, accounts, db, clock);
        escrow = new EscrowFixtures(api, market);
        disputes = new DisputeFixtures(api, accounts, db);
        admin = accounts.admin();
    }

    @AfterEach
    void moneyInvariantsHoldAndTheClockRuns() {
        clock.reset();
        new LedgerInvariants(db).assertHold();
    }

    @Test
    void theQueueListsDisputesByStateOldestFirstInPages() {
        Instant base = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<String> awaiting = new ArrayList<>();
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Funded funded = escrow.fundedContract(100_000 + i);
            clock.pinAt(base.plus(Duration.ofSeconds(i)));
            UUID dispute = disputes.opened(funded.homeowner(), funded.contract(), "REFUND", null);
            clock.reset();
            if (i != 2) {
                disputes.responded(funded.contractor(), dispute);
                awaiting.add(dispute.toString());
            }
            mine.add(dispute.toString());
        }

        // Other tests' disputes share the queue: only the relative order of these four is this test's to check.
        List<JsonNode> awaitingPages = walk("/api/admin/disputes?status=AWAITING_MEDIATION&limit=2", awaiting);
        assertThat(awaitingPages).allMatch(item -> item.get("status").asString().equals("AWAITING_MEDIATION"));
        assertThat(ids(awaitingPages, awaiting)).containsExactlyElementsOf(awaiting);

        List<JsonNode> openQueue = walk("/api/admin/disputes?limit=50", mine);
        assertThat(ids(openQueue, mine)).containsExactlyElementsOf(mine);
        JsonNode third = openQueue.stream()
                .filter(item -> item.get("id").asString().equals(mine.get(2)))
                .findFirst()
                .orElseThrow();
        assertThat(third.get("status").asString()).isEqualTo("OPEN");
        assertThat(third.get("contractAmount").get("amountMinor").asLong()).isEqualTo(100_002);
        assertThat(third.get("openedBySide").asString()).isEqualTo("HOMEOWNER");

        Response resolved = api.get("/api/admin/disputes?status=RESOLVED&limit=50")
                .bearer(admin.accessToken())
                .send();
        assertThat(resolved.json().get("items"))
                .noneMatch(item -> mine.contains(item.get("id").asString()));
    }

    /** Pages through the queue until every wanted dispute was seen or the queue ends; every item seen, in order. */
    private List<JsonNode> walk(String route, List<String> wanted) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            Response page = api.get(route + (cursor == null ? "" : "&cursor=" + cursor))
                    .bearer(admin.accessToken())
                    .send();
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().get("items").forEach(items::add);
            JsonNode next = page.json().get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.asString();
        } while (cursor != null && ids(items, wanted).size() < wanted.size());
        return items;
    }

    private static List<String> ids(List<JsonNode> items, List<String> wanted) {
        return items.stream()
                .map(item -> item.get("id").asString())
                .filter(wanted::contains)
                .toList();
    }

    @Test
    void theQueueRefusesBadParameters() {
        assertThat(api.get("/api/admin/disputes?status=CLOSED")
                        .bearer(admin.accessToken())
                        .send()
                        .status())
                .isEqualTo(400);
        assertThat(api.get("/api/admin/disputes?limit=51")
                        .bearer(admin.accessToken())
                        .send()
                        .status())
                .isEqualTo(400);
        assertThat(api.get("/api/admin/disputes?cursor=not-a-cursor")
                        .bearer(admin.accessToken())
                        .send()
                        .status())
                .isEqualTo(400);
    }

    @Test
    void theAdminSeesTheWholeRecordWithTheContractAndItsEscrow() {
        Funded funded = escrow.fundedContract(100_000);
        UUID dispute = disputes.opened(funded.contractor(), funded.contract(), "SPLIT", 80_000L);
        disputes.responded(funded.homeowner(), dispute);
        disputes.statement(funded.contractor(), dispute, "Here is the invoice.");

        Response detail = api.get("/api/admin/disputes/" + dispute)
                .bearer(admin.accessToken())
                .send();

        assertThat(detail.status()).as(detail.body()).isEqualTo(200);
        JsonNode json = detail.json();
        assertThat(json.get("dispute").get("desiredOutcome").asString()).isEqualTo("SPLIT");
        assertThat(json.get("dispute").get("desiredSplit").get("amountMinor").asLong())
                .isEqualTo(80_000);
        assertThat(json.get("dispute").get("entries")).hasSize(2);
        assertThat(json.get("dispute").get("evidence")).isEmpty();
        assertThat(json.get("contract").get("status").asString()).isEqualTo("DISPUTED");
        assertThat(json.get("contract").get("statusBeforeDispute").asString()).isEqualTo("FUNDED");
        assertThat(json.get("contract")
                        .get("platformFeeIfReleased")
                        .get("amountMinor")
                        .asLong())
                .isEqualTo(5_000);
        assertThat(json.get("escrow").get("status").asString()).isEqualTo("HELD");
        assertThat(json.get("escrow").get("frozen").asBoolean()).isTrue();
        assertThat(json.get("escrow").get("held").get("amountMinor").asLong()).isEqualTo(100_000);
        assertThat(api.get(json.get("escrow").get("statementUrl").asString())
                        .bearer(admin.accessToken())
                        .send()
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/admin/disputes/" + UUID.randomUUID())
                        .bearer(admin.accessToken())
                        .send()
                        .status())
                .isEqualTo(404);
    }
}
