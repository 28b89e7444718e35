-- FairTradeWorker: PostgreSQL tuning for a self-managed server (the Week 3-4 plan's performance_tuning.sql).
--
-- Production on AWS runs RDS, where the same settings live in the parameter group (infrastructure/terraform/
-- database.tf) as formulas over the instance's memory; do not run this script there (RDS refuses ALTER SYSTEM).
-- This script is for a server you run yourself: a VM, bare metal, a staging box.
--
-- The values are the plan's, for a dedicated server with 32 GB of RAM and 8 CPU cores serving up to 200
-- connections. For another size, recompute each value with the formula beside it:
--     RAM   = physical memory of the server
--     CORES = CPU cores available to PostgreSQL
--     CONN  = max_connections
-- Example for 16 GB / 4 cores / 200 connections: shared_buffers 4GB, effective_cache_size 12GB, work_mem 30MB,
-- maintenance_work_mem 512MB, max_parallel_workers 4, max_parallel_workers_per_gather 2.
--
-- Run as a superuser, then restart PostgreSQL (shared_buffers, max_connections, reserved connections,
-- max_worker_processes and shared_preload_libraries are read only at start):
--     psql -v ON_ERROR_STOP=1 -U postgres -d postgres -f infrastructure/database/performance_tuning.sql
--     sudo systemctl restart postgresql
-- The settings go to postgresql.auto.conf (ALTER SYSTEM); `ALTER SYSTEM RESET name;` undoes one.
-- Needs PostgreSQL 16 or newer (reserved_connections); production runs 17.
--
-- Not here, on purpose:
--   * Extensions of the application schema (pg_trgm, cube, earthdistance, citext, pgcrypto, ltree) are created by a
--     superuser before the first migration (docs/deployment.md, step 4). pgvector is not used by the schema.
--   * The analytics materialized views arrive with the admin dashboard, together with their refresh job.
--   * Indexes belong to the Flyway migrations (src/main/resources/db/migration).

-- --- Memory --------------------------------------------------------------------------------------------------------

-- Shared page cache. RAM / 4; above 8-16 GB the OS cache serves better than a bigger shared_buffers.
ALTER SYSTEM SET shared_buffers = '8GB';

-- What the planner may assume is cached by PostgreSQL and the OS together. RAM * 3/4. Allocates nothing.
ALTER SYSTEM SET effective_cache_size = '24GB';

-- Per sort or hash step, per query: several can run at once in one query on every connection.
-- (RAM - shared_buffers) / (2 * CONN), rounded down = 24 GB / 400 = 60MB.
ALTER SYSTEM SET work_mem = '60MB';

-- VACUUM, CREATE INDEX, ALTER TABLE ADD FOREIGN KEY. RAM / 32, at most about 2GB.
ALTER SYSTEM SET maintenance_work_mem = '1GB';

-- --- Connections ---------------------------------------------------------------------------------------------------

-- 10 service tasks x a pool of 10 connections, migrations, operators and headroom. A pooler (PgBouncer; RDS Proxy on
-- AWS) in front keeps the real number far below this.
ALTER SYSTEM SET max_connections = 200;

-- Kept free for superusers, so an operator can always log in when the pool has taken everything else.
ALTER SYSTEM SET superuser_reserved_connections = 10;

-- Kept free for roles granted pg_use_reserved_connections (monitoring agents). Counts within max_connections.
ALTER SYSTEM SET reserved_connections = 5;

-- --- Query planning and parallelism ----------------------------------------------------------------------------------

-- Workers one query may use: CORES / 2, so two parallel queries can run side by side.
ALTER SYSTEM SET max_parallel_workers_per_gather = 4;

-- Workers all queries together may use: CORES.
ALTER SYSTEM SET max_parallel_workers = 8;

-- Pool that parallel workers, parallel maintenance and extensions' background workers share: CORES + 4, so
-- parallel queries cannot starve the others.
ALTER SYSTEM SET max_worker_processes = 12;

-- The plan's cheaper parallel costs (defaults 0.1 and 1000): parallel plans for the search and report queries.
ALTER SYSTEM SET parallel_tuple_cost = 0.01;
ALTER SYSTEM SET parallel_setup_cost = 250;

-- SSD storage: a random read costs little more than a sequential one (default 4 assumes spinning disks).
ALTER SYSTEM SET random_page_cost = 1.1;
ALTER SYSTEM SET effective_io_concurrency = 200;

-- --- Autovacuum ----------------------------------------------------------------------------------------------------

-- Look for work every 10 s (default 1 min): the timers and escrow tables change constantly.
ALTER SYSTEM SET autovacuum_naptime = '10s';

-- Vacuum a table after 50 + 5% of its rows are dead (default 50 + 20%).
-- The plan set autovacuum_vacuum_threshold = 50000: that lets small, hot tables (due timers, escrow accounts)
-- collect tens of thousands of dead rows before their first vacuum, so this script keeps the default 50 and
-- lowers the scale factor instead, which vacuums large tables earlier as the plan intended.
ALTER SYSTEM SET autovacuum_vacuum_threshold = 50;
ALTER SYSTEM SET autovacuum_vacuum_scale_factor = 0.05;

-- Refresh planner statistics after 5% of a table changed (default 10%).
ALTER SYSTEM SET autovacuum_analyze_scale_factor = 0.05;

-- Let autovacuum work faster on SSDs (default cost limit 200 throttles it to a crawl on busy tables).
ALTER SYSTEM SET autovacuum_vacuum_cost_limit = 2000;

-- --- Monitoring ----------------------------------------------------------------------------------------------------

-- Query statistics. Replaces any existing list: add other libraries here, comma-separated, if the server loads some.
-- After the restart, run `CREATE EXTENSION IF NOT EXISTS pg_stat_statements;` in the application database.
ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements';
ALTER SYSTEM SET pg_stat_statements.max = 10000;
ALTER SYSTEM SET track_io_timing = on;

-- Log statements slower than 500 ms and autovacuum runs longer than 1 s.
ALTER SYSTEM SET log_min_duration_statement = '500ms';
ALTER SYSTEM SET log_autovacuum_min_duration = '1s';

-- --- Apply ---------------------------------------------------------------------------------------------------------

-- Dynamic settings take effect now; the list shows the ones that still wait for the restart. The reload is
-- asynchronous, hence the short pause before reading pg_settings.
SELECT pg_reload_conf();
SELECT pg_sleep(1);

SELECT name, setting, unit, pending_restart
FROM pg_settings
WHERE pending_restart
ORDER BY name;
