package com.fairtradeworker.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.audit.AuditEntry;
import com.fairtradeworker.audit.AuditLog;
import com.fairtradeworker.shared.RequestMetadata;
import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.ApiClient.Response;
import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.MutableClock;
import com.fairtradeworker.support.TestAccounts;
import com.fairtradeworker.support.TestAccounts.SignedIn;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.JsonNode;

/**
 * The admins' audit view: filters, keyset pagination newest first, input checks, and the CSV export with its escaping
 * and range bound. Rows are written through {@link AuditLog} at pinned times in a year no other test uses, with
 * entity types and actions unique to each test, so the shared database's other rows never interfere.
 */
@IntegrationTest
class AuditLogViewTest {

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Autowired
    DatabaseRoles db;

    @Autowired
    MutableClock clock;

    @Autowired
    AuditLog auditLog;

    @Autowired
    TransactionTemplate transactions;

    SignedIn admin;
    Instant base;
    String tag;

    @BeforeEach
    void setUp() {
        admin = accounts.admin();
        base = Instant.parse("2001-01-01T00:00:00Z")
                .plus(Duration.ofMinutes(ThreadLocalRandom.current().nextInt(500_000)))
                .plusMillis(123);
        tag = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    @AfterEach
    void cleanUp() {
        clock.reset();
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void filtersEachNarrowTheLogNewestFirst() {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        String type = "test_entity_" + tag;
        List<UUID> ids = new ArrayList<>();
        ids.add(record(0, alice, "TEST_X_" + tag, type, "e1", Map.of()));
        ids.add(record(1, alice, "TEST_X_" + tag, type, "e1", Map.of()));
        ids.add(record(2, alice, "TEST_X_" + tag, type, "e1", Map.of()));
        ids.add(record(3, bob, "TEST_Y_" + tag, type, "e2", Map.of()));
        ids.add(record(4, bob, "TEST_Y_" + tag, type, "e2", Map.of("to", "DONE")));

        assertThat(ids(search("actor=" + alice))).containsExactly(ids.get(2), ids.get(1), ids.get(0));
        assertThat(ids(search("entityType=" + type + "&entityId=e2"))).containsExactly(ids.get(4), ids.get(3));
        assertThat(ids(search("action=TEST_Y_" + tag))).containsExactly(ids.get(4), ids.get(3));
        assertThat(ids(search("actor=" + bob + "&action=TEST_X_" + tag))).isEmpty();
        assertThat(ids(search("entityType=" + type + "&from=" + encoded(at(1)) + "&to=" + encoded(at(4)))))
                .containsExactly(ids.get(3), ids.get(2), ids.get(1));
        // Empty parameters count as absent.
        assertThat(ids(search("actor=&entityId=&action=TEST_Y_" + tag + "&from=&to=&limit=&cursor=")))
                .hasSize(2);
        JsonNode newest = search("actor=" + bob).get("items").get(0);
        assertThat(newest.get("occurredAt").asString()).isEqualTo(at(4).toString());
        assertThat(newest.get("action").asString()).isEqualTo("TEST_Y_" + tag);
        assertThat(newest.get("entityType").asString()).isEqualTo(type);
        assertThat(newest.get("entityId").asString()).isEqualTo("e2");
        assertThat(newest.get("details").get("to").asString()).isEqualTo("DONE");
    }

    @Test
    void pagesFollowTheKeysetWithoutGapsOrRepeatsAcrossEqualTimes() {
        String type = "test_page_" + tag;
        List<UUID> written = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            written.add(record(i, null, "TEST_PAGE_" + tag, type, "p" + i, Map.of()));
        }
        // Two more at exactly the same time: the id breaks the tie.
        written.add(record(3, null, "TEST_PAGE_" + tag, type, "tie-a", Map.of()));
        written.add(record(3, null, "TEST_PAGE_" + tag, type, "tie-b", Map.of()));

        List<UUID> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = search("entityType=" + type + "&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            seen.addAll(ids(page));
            pageSizes.add(page.get("items").size());
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
        } while (cursor != null);

        assertThat(pageSizes).containsExactly(2, 2, 1);
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(written);
        assertThat(seen.subList(2, 5)).containsExactly(written.get(2), written.get(1), written.get(0));
    }

    @Test
    void badParametersAreRefusedWithEveryProblemNamed() {
        Map<String, String> refused = Map.of(
                "actor=not-a-uuid",
                "actor",
                "limit=0",
                "limit",
                "limit=201",
                "limit",
                "limit=ten",
                "limit",
                "from=yesterday",
                "from",
                "from=" + encoded(at(2)) + "&to=" + encoded(at(1)),
                "to",
                "entityId=e1",
                "entityId",
                "cursor=bm90LWEtY3Vyc29y",
                "cursor",
                "action=" + "A".repeat(101),
                "action");

        refused.forEach((query, field) -> {
            Response response = api.get("/api/admin/audit-logs?" + query)
                    .bearer(admin.accessToken())
                    .send();
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.json().get("errors").findValuesAsString("field"))
                    .as(query)
                    .contains(field);
        });
        Response several = api.get("/api/admin/audit-logs?actor=x&limit=-1&from=never")
                .bearer(admin.accessToken())
                .send();
        assertThat(several.json().get("errors")).hasSize(3);
        Response injection = api.get("/api/admin/audit-logs?action=" + encoded("' OR '1'='1"))
                .bearer(admin.accessToken())
                .send();
        assertThat(injection.status()).isEqualTo(200);
        assertThat(injection.json().get("items")).isEmpty();
    }

    @Test
    void onlyAdminsReadOrExportTheLog() {
        String range = "from=" + encoded(at(0)) + "&to=" + encoded(at(10));
        for (String role : List.of("HOMEOWNER", "CONTRACTOR")) {
            SignedIn user = accounts.verifiedUser(role);
            assertThat(api.get("/api/admin/audit-logs")
                            .bearer(user.accessToken())
                            .send()
                            .status())
                    .isEqualTo(404);
            assertThat(api.get("/api/admin/audit-logs/export.csv?" + range)
                            .bearer(user.accessToken())
                            .send()
                            .status())
                    .isEqualTo(404);
            // Indistinguishable from a path under /api/admin that nothing serves.
            Response search = api.get("/api/admin/audit-logs?action=LOGIN")
                    .bearer(user.accessToken())
                    .send();
            Response nothing = api.get("/api/admin/no-such-view")
                    .bearer(user.accessToken())
                    .send();
            assertThat(search.status()).isEqualTo(nothing.status()).isEqualTo(404);
            assertThat(search.json().get("type")).isEqualTo(nothing.json().get("type"));
            assertThat(search.json().get("detail")).isEqualTo(nothing.json().get("detail"));
        }
        assertThat(api.get("/api/admin/audit-logs").send().status()).isEqualTo(401);
        assertThat(api.get("/api/admin/audit-logs/export.csv?" + range).send().status())
                .isEqualTo(401);
    }

    @Test
    void theCsvExportEscapesEveryCellAndDefusesFormulas() {
        String formula = "=cmd|' /C calc'!A0";
        String messy = "-1,\"two\"\nthree";
        Map<String, Object> details = Map.of("note", "a,b \"quoted\"\r\nsecond line", "formula", "=1+1");
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest() {
            {
                setAttribute(RequestMetadata.ATTRIBUTE, new RequestMetadata("+req-1", "203.0.113.7", formula));
            }
        }));
        UUID actor = UUID.randomUUID();
        UUID first = record(0, actor, "@TEST_CSV_" + tag, "test_csv_" + tag, messy, details);
        RequestContextHolder.resetRequestAttributes();
        UUID second = record(1, null, "TEST_CSV_PLAIN_" + tag, "test_csv_" + tag, "plain", Map.of());
        clock.reset();

        Response export = api.get("/api/admin/audit-logs/export.csv?from=" + encoded(at(0)) + "&to="
                        + encoded(at(1).plusMillis(1)))
                .bearer(admin.accessToken())
                .send();

        assertThat(export.status()).as(export.body()).isEqualTo(200);
        assertThat(export.header("Content-Type")).startsWith("text/csv").containsIgnoringCase("charset=UTF-8");
        assertThat(export.header("Content-Disposition"))
                .startsWith("attachment")
                .contains("filename=\"audit-log_")
                .endsWith(".csv\"");
        assertThat(export.body()).startsWith(AuditCsv.HEADER + "\r\n");
        List<List<String>> rows = Rfc4180.parse(export.body());
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).containsExactly(AuditCsv.HEADER.split(","));
        List<String> row = rows.get(1);
        assertThat(row.get(0)).isEqualTo(at(0).toString());
        assertThat(row.get(1)).isEqualTo(first.toString());
        assertThat(row.get(2)).isEqualTo(actor.toString());
        assertThat(row.get(3)).isEqualTo("'@TEST_CSV_" + tag);
        assertThat(row.get(5)).isEqualTo("'" + messy);
        assertThat(row.get(6)).isEqualTo("203.0.113.7");
        assertThat(row.get(7)).isEqualTo("'" + formula);
        assertThat(row.get(8)).isEqualTo("'+req-1");
        JsonNode exportedDetails =
                tools.jackson.databind.json.JsonMapper.builder().build().readTree(row.get(9));
        assertThat(exportedDetails.get("note").asString()).isEqualTo("a,b \"quoted\"\r\nsecond line");
        assertThat(exportedDetails.get("formula").asString()).isEqualTo("=1+1");
        assertThat(rows.get(2).get(1)).isEqualTo(second.toString());
        assertThat(rows.get(2).get(2)).isEmpty();
        // No cell of the raw file starts a formula: every quoted cell opens with something harmless.
        assertThat(export.body()).doesNotContain(",\"=", ",\"+", ",\"-", ",\"@");
        assertThat(db.owner()
                        .sql("SELECT count(*) FROM audit_logs WHERE action = 'AUDIT_LOG_EXPORTED' AND actor_id = ?"
                                + " AND details ->> 'from' = ?")
                        .params(admin.userId(), at(0).toString())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void theExportRangeIsRequiredAndBounded() {
        Instant from = at(0);
        String ok = "from=" + encoded(from) + "&to=" + encoded(from.plus(Duration.ofDays(31)));
        String tooWide = "from=" + encoded(from) + "&to="
                + encoded(from.plus(Duration.ofDays(31)).plusSeconds(1));

        assertThat(export(ok).status()).isEqualTo(200);
        assertThat(export(tooWide).status()).isEqualTo(400);
        assertThat(export(tooWide).json().get("errors").findValuesAsString("field"))
                .containsExactly("to");
        assertThat(export("from=" + encoded(from)).status()).isEqualTo(400);
        assertThat(export("").json().get("errors")).hasSize(2);
        assertThat(export("from=" + encoded(from) + "&to=" + encoded(from)).status())
                .isEqualTo(400);
        assertThat(export("from=monday&to=friday").status()).isEqualTo(400);
        assertThat(export("from=" + encoded(from) + "&to=" + encoded(from.plusSeconds(1)))
                        .body())
                .isEqualTo(AuditCsv.HEADER + "\r\n");
    }

    private Response export(String query) {
        return api.get("/api/admin/audit-logs/export.csv?" + query)
                .bearer(admin.accessToken())
                .send();
    }

    private JsonNode search(String query) {
        Response response = api.get("/api/admin/audit-logs?" + query)
                .bearer(admin.accessToken())
                .send();
        assertThat(response.status()).as("%s: %s", query, response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<UUID> ids(JsonNode page) {
        return page.get("items").findValuesAsString("id").stream()
                .map(UUID::fromString)
                .toList();
    }

    private Instant at(int minutes) {
        return base.plus(Duration.ofMinutes(minutes));
    }

    private UUID record(
            int minutes, UUID actor, String action, String entityType, String entityId, Map<String, ?> details) {
        clock.pinAt(at(minutes));
        return transactions.execute(
                status -> auditLog.record(new AuditEntry(actor, action, entityType, entityId, details)));
    }

    private static String encoded(Object value) {
        return URLEncoder.encode(value.toString(), StandardCharsets.UTF_8);
    }

    /** A strict RFC 4180 reader: quoted cells may hold commas, doubled quotes and line breaks; records end in CRLF. */
    static final class Rfc4180 {

        static List<List<String>> parse(String text) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i += 2;
                        continue;
                    }
                    if (c == '"') {
                        quoted = false;
                    } else {
                        cell.append(c);
                    }
                } else if (c == '"') {
                    assertThat(cell)
                            .as("a quote opens a cell only at its start")
                            .isEmpty();
                    quoted = true;
                } else if (c == ',') {
                    row.add(cell.toString());
                    cell.setLength(0);
                } else if (c == '\r') {
                    assertThat(text.charAt(i + 1)).isEqualTo('\n');
                    row.add(cell.toString());
                    cell.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                    i++;
                } else {
                    assertThat(c).as("bare line feed outside quotes").isNotEqualTo('\n');
                    cell.append(c);
                }
                i++;
            }
            assertThat(quoted).isFalse();
            assertThat(row).isEmpty();
            return rows;
        }
    }
}
