-- Extensions and the trigger functions shared by every module.
--
-- A superuser creates these extensions before migrations run in every environment (embedded bootstrap, CI, operators),
-- so for the schema owner each statement is a no-op; they stay here so the schema documents what it depends on.
-- pgvector is deliberately absent: it is not installable on these machines (no Debian package, not in the embedded
-- PostgreSQL binaries). See docs/schema.md.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS cube;
CREATE EXTENSION IF NOT EXISTS earthdistance;
CREATE EXTENSION IF NOT EXISTS citext;
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE EXTENSION IF NOT EXISTS ltree;

-- Keeps updated_at true without relying on every writer:
--  * INSERT: fills updated_at when the writer sent NULL (created_at likewise), so a mapper that writes every column
--    still gets database time;
--  * UPDATE: moves updated_at to now() unless the statement itself changed it (an application with an injected Clock
--    may set it explicitly).
CREATE FUNCTION set_updated_at() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.created_at := coalesce(NEW.created_at, now());
        NEW.updated_at := coalesce(NEW.updated_at, now());
    ELSIF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
        NEW.updated_at := now();
    END IF;
    RETURN NEW;
END;
$$;

COMMENT ON FUNCTION set_updated_at() IS
    'BEFORE INSERT OR UPDATE row trigger (tables with created_at and updated_at): fills both on insert when NULL, bumps it to now() on update unless the statement set it.';

-- Append-only tables (the money journal and the audit log) refuse every change after insert, whoever asks:
-- the runtime role also lacks UPDATE/DELETE/TRUNCATE privileges, and this trigger stops the owner too.
CREATE FUNCTION forbid_modification() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'P0001', HINT = 'Record a new row (for money, a compensating journal transaction) instead.';
END;
$$;

COMMENT ON FUNCTION forbid_modification() IS
    'Raises P0001 on UPDATE, DELETE (row triggers) and TRUNCATE (statement trigger) of append-only tables.';
