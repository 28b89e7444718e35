-- Privileges of the runtime role (${app_role}), which the service connects as. It is not the schema owner, so it
-- cannot drop or disable triggers, and it gets no UPDATE, DELETE or TRUNCATE on the append-only tables: the money
-- journal and the audit log stay unchangeable even for someone holding the service's credentials.

-- On PostgreSQL 15+ the database owner owns schema public (pg_database_owner); on 14 PUBLIC already has USAGE and
-- this statement only warns.
GRANT USAGE ON SCHEMA public TO "${app_role}";

GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "${app_role}";

-- Append-only: the journal and the audit log.
REVOKE UPDATE, DELETE, TRUNCATE ON transactions, ledger_entries, audit_logs FROM "${app_role}";

-- Views are read-only for the service.
REVOKE INSERT, UPDATE, DELETE ON open_job_summaries, ledger_account_balances, escrow_balances, contract_overviews,
    contractor_rating_summaries, job_bid_stats, open_dispute_queue FROM "${app_role}";

-- Flyway's own history table belongs to the migrations.
REVOKE INSERT, UPDATE, DELETE ON TABLE "${flyway:defaultSchema}"."${flyway:table}" FROM "${app_role}";

GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "${app_role}";

-- Tables and sequences that later migrations create (as the owner) get the same defaults; later append-only tables
-- REVOKE UPDATE, DELETE explicitly.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "${app_role}";
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO "${app_role}";
