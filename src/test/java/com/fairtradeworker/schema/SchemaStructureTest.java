package com.fairtradeworker.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.IntegrationTest;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The migrations produced the tables, views, extensions, triggers and indexes the application relies on. */
@IntegrationTest
class SchemaStructureTest {

    static final List<String> TABLES = List.of(
            "users",
            "email_verifications",
            "password_resets",
            "homeowner_profiles",
            "contractor_profiles",
            "jobs",
            "bids",
            "bid_revisions",
            "bid_contracts",
            "ledger_accounts",
            "transactions",
            "ledger_entries",
            "escrow_accounts",
            "payments",
            "payouts",
            "job_completions",
            "evidence_files",
            "disputes",
            "dispute_responses",
            "reviews",
            "audit_logs",
            "due_timers",
            "idempotency_keys",
            "webhook_events",
            "notifications",
            "notification_preferences",
            "event_publication",
            "event_publication_archive");

    static final List<String> VIEWS = List.of(
            "open_job_summaries",
            "ledger_account_balances",
            "escrow_balances",
            "contract_overviews",
            "contractor_rating_summaries",
            "job_bid_stats",
            "open_dispute_queue");

    /**
     * Foreign keys with no index starting with exactly their columns (any order) and no unique index on a subset of
     * them. Without one, deleting or re-keying a parent row scans the child table and locks it for longer.
     */
    static final String UNINDEXED_FOREIGN_KEYS = """
            SELECT c.conrelid::regclass || '.' || c.conname
              FROM pg_constraint c
             WHERE c.contype = 'f'
               AND c.connamespace = 'public'::regnamespace
               AND NOT EXISTS (
                   SELECT 1
                     FROM pg_index i
                    WHERE i.indrelid = c.conrelid
                      AND i.indisvalid
                      AND i.indpred IS NULL
                      AND ((SELECT array_agg(k ORDER BY k)
                              FROM unnest((i.indkey::int2[])[0:cardinality(c.conkey) - 1]) k)
                               = (SELECT array_agg(k ORDER BY k) FROM unnest(c.conkey) k)
                           OR (i.indisunique AND (i.indkey::int2[])[0:i.indnkeyatts - 1] <@ c.conkey)))
             ORDER BY 1""";

    @Autowired
    DatabaseRoles roles;

    @Test
    void everyTableExists() {
        List<String> tables = roles.owner()
                .sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                        + " AND table_type = 'BASE TABLE'")
                .query(String.class)
                .list();

        assertThat(tables).containsAll(TABLES);
    }

    @Test
    void everyViewExistsAndAnswers() {
        List<String> views = roles.owner()
                .sql("SELECT table_name FROM information_schema.views WHERE table_schema = 'public'")
                .query(String.class)
                .list();

        assertThat(views).containsAll(VIEWS);
        for (String view : VIEWS) {
            assertThat(roles.app()
                            .sql("SELECT count(*) FROM " + view + " WHERE false")
                            .query(Long.class)
                            .single())
                    .isZero();
        }
    }

    @Test
    void extensionsAreInstalledAndPgvectorIsNot() {
        List<String> extensions = roles.owner()
                .sql("SELECT extname FROM pg_extension")
                .query(String.class)
                .list();

        assertThat(extensions).contains("pg_trgm", "cube", "earthdistance", "citext", "pgcrypto", "ltree");
        assertThat(extensions).doesNotContain("vector");
    }

    @Test
    void everyKeyIsAUuidWithAGeneratedDefault() {
        List<String> nonUuidKeys = roles.owner().sql("""
                        SELECT tc.table_name || '.' || kcu.column_name
                          FROM information_schema.table_constraints tc
                          JOIN information_schema.key_column_usage kcu
                            ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
                          JOIN information_schema.columns col
                            ON col.table_schema = kcu.table_schema AND col.table_name = kcu.table_name
                           AND col.column_name = kcu.column_name
                         WHERE tc.table_schema = 'public' AND tc.constraint_type = 'PRIMARY KEY'
                           AND col.data_type <> 'uuid'
                           AND tc.table_name <> 'notification_preferences'
                           AND tc.table_name NOT LIKE 'flyway%'""").query(String.class).list();
        List<String> idsWithoutDefault =
                roles.owner().sql("""
                        SELECT table_name FROM information_schema.columns
                         WHERE table_schema = 'public' AND column_name = 'id' AND data_type = 'uuid'
                           AND table_name IN (SELECT table_name FROM information_schema.tables
                                               WHERE table_schema = 'public' AND table_type = 'BASE TABLE')
                           AND table_name NOT LIKE 'event_publication%'
                           AND coalesce(column_default, '') NOT LIKE 'gen_random_uuid()%'""").query(String.class).list();

        assertThat(nonUuidKeys).isEmpty();
        assertThat(idsWithoutDefault).isEmpty();
    }

    @Test
    void moneyIsNeverStoredAsFloatingPointNumericOrText() {
        List<String> badMoneyColumns =
                roles.owner().sql("""
                        SELECT table_name || '.' || column_name || ' ' || data_type
                          FROM information_schema.columns
                         WHERE table_schema = 'public'
                           AND table_name IN (SELECT table_name FROM information_schema.tables
                                               WHERE table_schema = 'public' AND table_type = 'BASE TABLE')
                           AND ((column_name LIKE '%\\_minor' AND data_type <> 'bigint')
                             OR (column_name = 'currency' AND data_type <> 'character')
                             OR data_type IN ('real', 'double precision', 'numeric', 'money')
                                AND column_name NOT IN ('latitude', 'longitude', 'service_latitude', 'service_longitude'))""").query(String.class).list();

        assertThat(badMoneyColumns).isEmpty();
    }

    @Test
    void everyForeignKeyHasAnIndex() {
        long foreignKeys = roles.owner()
                .sql("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace")
                .query(Long.class)
                .single();
        List<String> unindexed =
                roles.owner().sql(UNINDEXED_FOREIGN_KEYS).query(String.class).list();

        assertThat(foreignKeys).isGreaterThan(40);
        assertThat(unindexed).isEmpty();
    }

    @Test
    void theForeignKeyIndexCheckNoticesAMissingIndex() {
        List<String> unindexed = roles.inOwnerTransactionRolledBack(jdbc -> {
            jdbc.sql("DROP INDEX reviews_author_idx").update();
            jdbc.sql("DROP INDEX ledger_entries_account_idx").update();
            return jdbc.sql(UNINDEXED_FOREIGN_KEYS).query(String.class).list();
        });

        assertThat(unindexed)
                .containsExactly("ledger_entries.ledger_entries_account_currency_fk", "reviews.reviews_author_fk");
    }

    @Test
    void everyTableWithUpdatedAtHasTheSharedTrigger() {
        List<String> missing = roles.owner().sql("""
                        SELECT c.table_name
                          FROM information_schema.columns c
                          JOIN information_schema.tables t
                            ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                         WHERE c.table_schema = 'public' AND c.column_name = 'updated_at' AND t.table_type = 'BASE TABLE'
                        EXCEPT
                        SELECT tgrelid::regclass::text
                          FROM pg_trigger
                         WHERE NOT tgisinternal AND tgfoid = 'set_updated_at'::regproc""").query(String.class).list();
        long triggers = roles.owner()
                .sql("SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgfoid = 'set_updated_at'::regproc")
                .query(Long.class)
                .single();

        assertThat(missing).isEmpty();
        assertThat(triggers).isGreaterThanOrEqualTo(15);
    }

    @Test
    void updatedAtMovesOnUpdateUnlessTheStatementSetsIt() {
        List<OffsetDateTime> times = SchemaFixtures.asAppRolledBack(roles, jdbc -> {
            UUID user = new SchemaFixtures(jdbc).homeowner();
            jdbc.sql("UPDATE users SET updated_at = '2001-01-01T00:00:00Z' WHERE id = ?")
                    .param(user)
                    .update();
            OffsetDateTime explicit = updatedAt(jdbc, user);
            jdbc.sql("UPDATE users SET display_name = 'Renamed' WHERE id = ?")
                    .param(user)
                    .update();
            OffsetDateTime bumped = updatedAt(jdbc, user);
            OffsetDateTime now =
                    jdbc.sql("SELECT now()").query(OffsetDateTime.class).single();
            return List.of(explicit, bumped, now);
        });

        assertThat(times.get(0).getYear()).isEqualTo(2001);
        assertThat(times.get(1)).isAtSameInstantAs(times.get(2));
    }

    @Test
    void appendOnlyTriggersExistOnTheJournalAndTheAuditLog() {
        List<String> triggers = roles.owner().sql("""
                        SELECT tgname FROM pg_trigger
                         WHERE NOT tgisinternal AND tgfoid = 'forbid_modification'::regproc""").query(String.class).list();

        assertThat(triggers)
                .containsExactlyInAnyOrder(
                        "transactions_append_only", "transactions_no_truncate",
                        "ledger_entries_append_only", "ledger_entries_no_truncate",
                        "audit_logs_append_only", "audit_logs_no_truncate");
    }

    @Test
    void ledgerChecksAreDeferredConstraintTriggers() {
        List<String> deferred = roles.owner().sql("""
                        SELECT tgname FROM pg_trigger
                         WHERE NOT tgisinternal AND tgconstraint <> 0 AND tgdeferrable AND tginitdeferred""").query(String.class).list();

        assertThat(deferred)
                .contains("ledger_entries_balanced", "ledger_entries_escrow_not_negative", "transactions_have_entries");
    }

    @Test
    void searchAndQueueIndexesExist() {
        List<String> indexes = roles.owner()
                .sql("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")
                .query(String.class)
                .list();

        assertThat(indexes)
                .contains(
                        "jobs_open_location_gist",
                        "jobs_open_search_vector_gin",
                        "jobs_title_trgm_gin",
                        "jobs_open_description_trgm_gin",
                        "jobs_open_newest_idx",
                        "jobs_open_deadline_idx",
                        "jobs_trade_gist",
                        "jobs_homeowner_idx",
                        "contractor_profiles_trades_gist",
                        "contractor_profiles_trades_gin",
                        "due_timers_scheduled_due_idx",
                        "notifications_pending_due_idx",
                        "audit_logs_actor_idx",
                        "audit_logs_entity_idx",
                        "audit_logs_action_idx",
                        "event_publication_serialized_event_hash_idx",
                        "event_publication_by_completion_date_idx",
                        "event_publication_archive_serialized_event_hash_idx",
                        "event_publication_archive_by_completion_date_idx");
    }

    @Test
    void openJobIndexesArePartialOnTheOpenState() {
        List<String> definitions = roles.owner().sql("""
                        SELECT indexdef FROM pg_indexes
                         WHERE schemaname = 'public' AND indexname IN ('jobs_open_location_gist',
                               'jobs_open_search_vector_gin', 'jobs_open_newest_idx', 'jobs_open_deadline_idx')""").query(String.class).list();

        assertThat(definitions).hasSize(4).allSatisfy(d -> assertThat(d).contains("WHERE (status = 'OPEN'::text)"));
        assertThat(definitions)
                .anySatisfy(d -> assertThat(d).contains("USING gist (ll_to_earth(latitude, longitude))"));
    }

    @Test
    void openJobSearchFindsByDistanceWordsTyposAndTradeTree() {
        List<Long> counts = SchemaFixtures.asAppRolledBack(roles, jdbc -> {
            SchemaFixtures fixtures = new SchemaFixtures(jdbc);
            UUID job = fixtures.openJob(fixtures.homeowner());
            return List.of(
                    countJob(
                            jdbc,
                            job,
                            "earth_box(ll_to_earth(51.51, -0.12), 5000) @> ll_to_earth(latitude, longitude)"),
                    countJob(jdbc, job, "search_vector @@ websearch_to_tsquery('english', 'heaters')"),
                    countJob(jdbc, job, "title % 'replace watr heatr'"),
                    countJob(jdbc, job, "trade <@ 'plumbing'"),
                    countJob(jdbc, job, "trade <@ 'electrical'"));
        });

        assertThat(counts).containsExactly(1L, 1L, 1L, 1L, 0L);
    }

    @Test
    void openJobSummariesHideTheExactAddress() {
        List<String> columns = roles.owner()
                .sql("SELECT column_name FROM information_schema.columns WHERE table_name = 'open_job_summaries'")
                .query(String.class)
                .list();
        String area = SchemaFixtures.asAppRolledBack(roles, jdbc -> {
            SchemaFixtures fixtures = new SchemaFixtures(jdbc);
            UUID job = fixtures.openJob(fixtures.homeowner());
            return jdbc.sql("SELECT postcode_area FROM open_job_summaries WHERE id = ?")
                    .param(job)
                    .query(String.class)
                    .single();
        });

        assertThat(columns)
                .contains("approx_latitude", "approx_longitude", "postcode_area")
                .doesNotContain("address_text", "postcode", "latitude", "longitude", "homeowner_id");
        assertThat(area).isEqualTo("SW1A");
    }

    @Test
    void modulithEventPublicationTablesHaveSchemaV2Columns() {
        for (String table : List.of("event_publication", "event_publication_archive")) {
            List<String> columns = roles.owner()
                    .sql(
                            "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position")
                    .param(table)
                    .query(String.class)
                    .list();

            assertThat(columns)
                    .containsExactly(
                            "id",
                            "listener_id",
                            "event_type",
                            "serialized_event",
                            "publication_date",
                            "completion_date",
                            "status",
                            "completion_attempts",
                            "last_resubmission_date");
        }
    }

    private static OffsetDateTime updatedAt(JdbcClient jdbc, UUID user) {
        return jdbc.sql("SELECT updated_at FROM users WHERE id = ?")
                .param(user)
                .query(OffsetDateTime.class)
                .single();
    }

    private static long countJob(JdbcClient jdbc, UUID job, String condition) {
        return jdbc.sql("SELECT count(*) FROM jobs WHERE status = 'OPEN' AND id = ? AND " + condition)
                .param(job)
                .query(Long.class)
                .single();
    }
}
