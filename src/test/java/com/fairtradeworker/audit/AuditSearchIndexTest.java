package com.fairtradeworker.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.IntegrationTest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Each filter of the admins' audit search can be served by the index V9 made for it, also on later pages (the keyset's
 * time bound is part of the index condition). The test table is small, so, inside a rolled-back transaction,
 * sequential scans are priced out and the other audit indexes are set aside; the plan must then use the filter's own
 * index. The statements are the ones {@link AuditSearch} itself builds.
 */
@IntegrationTest
class AuditSearchIndexTest {

    private static final Instant T = Instant.parse("2025-03-01T00:00:00Z");
    private static final AuditSearch.After AFTER = new AuditSearch.After(T, UUID.randomUUID());

    @Autowired
    DatabaseRoles db;

    @Test
    void byActor() {
        AuditSearch.Filter filter = new AuditSearch.Filter(UUID.randomUUID(), null, null, null, null, null);

        assertUses(filter, null, "audit_logs_actor_idx");
        assertThat(assertUses(filter, AFTER, "audit_logs_actor_idx")).contains("occurred_at <=");
    }

    @Test
    void byEntity() {
        assertUses(new AuditSearch.Filter(null, "contract", "abc", null, null, null), AFTER, "audit_logs_entity_idx");
        assertUses(new AuditSearch.Filter(null, "contract", null, null, null, null), null, "audit_logs_entity_idx");
    }

    @Test
    void byAction() {
        assertUses(
                new AuditSearch.Filter(null, null, null, "REVIEW_HIDDEN", null, null), AFTER, "audit_logs_action_idx");
    }

    @Test
    void byTimeAloneAndTheWholeLog() {
        assertUses(
                new AuditSearch.Filter(null, null, null, null, T.minusSeconds(3600), T),
                AFTER,
                "audit_logs_occurred_at_idx");
        assertUses(new AuditSearch.Filter(null, null, null, null, null, null), null, "audit_logs_occurred_at_idx");
    }

    private String assertUses(AuditSearch.Filter filter, AuditSearch.After after, String index) {
        AuditSearch.Statement statement = AuditSearch.page(filter, after, 51);
        String plan = db.inOwnerTransactionRolledBack(jdbc -> {
            List<String> others = jdbc.sql("""
                            SELECT indexname FROM pg_indexes
                             WHERE tablename = 'audit_logs' AND indexname <> ? AND indexname <> 'audit_logs_pkey'
                            """).param(index).query(String.class).list();
            for (String other : others) {
                jdbc.sql("DROP INDEX " + other).update();
            }
            jdbc.sql("SET LOCAL enable_seqscan = off").update();
            return String.join(
                    "\n",
                    jdbc.sql("EXPLAIN " + statement.sql())
                            .params(statement.params())
                            .query(String.class)
                            .list());
        });
        assertThat(plan).as(statement.sql()).contains(index);
        return plan;
    }
}
