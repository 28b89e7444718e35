package com.fairtradeworker.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Each search predicate can be served by the index the schema defines for it. The test tables are tiny, so the planner
 * would rather scan them, or serve "status = 'OPEN'" from whichever partial index is cheapest; so, inside a
 * rolled-back transaction, sequential scans are priced out and the other indexes on jobs are set aside, and the plan
 * must then use the predicate's own index. The benchmark on the generated data set shows the plans chosen freely.
 */
@IntegrationTest
class JobSearchIndexTest {

    @Autowired
    DatabaseRoles db;

    @Test
    void nearbyUsesTheGeoIndex() {
        String plan = plan("""
                SELECT id FROM jobs j WHERE j.status = 'OPEN'
                   AND earth_box(ll_to_earth(51.5, -0.12), 20000) @> ll_to_earth(j.latitude, j.longitude)
                   AND earth_distance(ll_to_earth(51.5, -0.12), ll_to_earth(j.latitude, j.longitude)) <= 20000""", "jobs_open_location_gist");

        assertThat(plan).contains("jobs_open_location_gist").contains("Index Cond");
    }

    @Test
    void fullTextUsesItsGinIndex() {
        String plan = plan(
                "SELECT id FROM jobs j WHERE j.status = 'OPEN'"
                        + " AND j.search_vector @@ websearch_to_tsquery('english', 'water heater')",
                "jobs_open_search_vector_gin");

        assertThat(plan).contains("jobs_open_search_vector_gin").contains("Index Cond");
    }

    @Test
    void typosUseTheTrigramIndex() {
        String plan = plan("SELECT id FROM jobs j WHERE 'watr heatr' <% j.title", "jobs_title_trgm_gin");

        assertThat(plan).contains("jobs_title_trgm_gin").contains("Index Cond");
    }

    @Test
    void tradeUsesTheLtreeIndex() {
        assertThat(plan("SELECT id FROM jobs j WHERE j.trade <@ 'plumbing'::ltree", "jobs_trade_gist"))
                .contains("jobs_trade_gist");
    }

    @Test
    void sortedPagesUseTheOpenStateIndexes() {
        assertThat(plan(
                        "SELECT id FROM jobs j WHERE j.status = 'OPEN' ORDER BY j.published_at DESC, j.id LIMIT 21",
                        "jobs_open_newest_idx"))
                .contains("jobs_open_newest_idx");
        assertThat(plan(
                        "SELECT id FROM jobs j WHERE j.status = 'OPEN' ORDER BY j.bidding_deadline, j.id LIMIT 21",
                        "jobs_open_deadline_idx"))
                .contains("jobs_open_deadline_idx");
    }

    private String plan(String sql, String keptIndex) {
        return db.inOwnerTransactionRolledBack(jdbc -> {
            List<String> others =
                    jdbc.sql("""
                            SELECT indexname FROM pg_indexes
                             WHERE tablename = 'jobs' AND indexname <> ? AND indexname <> 'jobs_pkey'
                               AND indexname <> 'jobs_id_homeowner_key'
                            """).param(keptIndex).query(String.class).list();
            for (String index : others) {
                jdbc.sql("DROP INDEX " + index).update();
            }
            jdbc.sql("SET LOCAL enable_seqscan = off").update();
            return String.join(
                    "\n", jdbc.sql("EXPLAIN " + sql).query(String.class).list());
        });
    }
}
