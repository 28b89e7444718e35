package com.fairtradeworker.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Each search predicate can be served by the index the schema defines for it. The test tables are tiny, so the planner
 * would rather scan them, or serve "status = 'OPEN'" from whichever partial index is cheapest; so, inside a
 * rolled-back transaction, sequential scans are priced out and the other indexes on jobs are set aside, and the plan
 * must then use the predicate's own index. The benchmark on the generated data set shows the plans chosen freely.
 * The nearest-first plans are the statements {@link JobSearch} itself builds, with their bound values.
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

    @Test
    void nearestFirstIsAnOrderedScanOfTheGeoIndex() {
        JobSearch.Query query =
                new JobSearch.Query(51.5, -0.12, 20, "plumbing", "water heater", JobSearch.Sort.DISTANCE, 20, null);
        JobSearch.Cursor after = new JobSearch.Cursor(JobSearch.Sort.DISTANCE, 1234.5, null, UUID.randomUUID());

        for (JobSearch.Statement statement : List.of(
                JobSearch.nearest(query, null),
                JobSearch.nearest(query, after),
                JobSearch.nearest(
                        new JobSearch.Query(51.5, -0.12, 20, null, null, JobSearch.Sort.DISTANCE, 20, null), null))) {
            String plan = plan(statement.sql(), statement.params(), "jobs_open_location_gist");

            // The index hands the rows out nearest first (Order By), the Limit stops the scan after a page, and the
            // only Sort orders that page's rows by (nearness, id). Only enable_seqscan is off here (as for every plan
            // in this class); enable_sort stays on: the KNN scan is chosen over the box scan plus a sort on cost.
            assertThat(plan)
                    .contains("Index Scan using jobs_open_location_gist")
                    .contains("Order By: ((ll_to_earth(latitude, longitude))::cube <-> ")
                    .containsOnlyOnce("Sort Key")
                    .contains("Sort Key: nearest.nearness, nearest.id");
            assertThat(plan.indexOf("Limit")).isLessThan(plan.indexOf("Index Scan using jobs_open_location_gist"));
            assertThat(plan.indexOf("Sort Key")).isLessThan(plan.indexOf("Limit"));
        }
    }

    @Test
    void theTieStepReadsOnlyTheBoxAroundTheTiedDistance() {
        JobSearch.Query query = new JobSearch.Query(51.5, -0.12, 20, null, null, JobSearch.Sort.DISTANCE, 20, null);
        JobSearch.Statement statement = JobSearch.tieGroup(
                query, new JobSearch.Cursor(JobSearch.Sort.DISTANCE, 1234.5, null, UUID.randomUUID()), 1234.5, 3);

        String plan = plan(statement.sql(), statement.params(), "jobs_open_location_gist");

        // Both boxes, the radius's and the tie distance's (folded into cube constants), bound the index scan.
        String indexCond = plan.lines()
                .filter(line -> line.strip().startsWith("Index Cond:"))
                .findFirst()
                .orElseThrow();
        assertThat(plan).contains("Index Scan using jobs_open_location_gist");
        assertThat(indexCond.split("::cube <@ ", -1)).as(plan).hasSize(3);
    }

    private String plan(String sql, String keptIndex) {
        return plan(sql, Map.of(), keptIndex);
    }

    private String plan(String sql, Map<String, Object> params, String keptIndex) {
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
                    "\n",
                    jdbc.sql("EXPLAIN " + sql)
                            .params(params)
                            .query(String.class)
                            .list());
        });
    }
}
