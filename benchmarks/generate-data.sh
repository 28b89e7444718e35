#!/usr/bin/env bash
# A realistic data set for measuring search and bidding at size (issue 5): at scale 1, 50,003 users (40,000
# homeowners, 10,000 contractors with complete profiles, 3 admins), 100,000 jobs around 52 US metro areas, 1,000,000
# bids with their revisions, contracts and live clocks. Migrated with Flyway, loaded with COPY, then VACUUM ANALYZE.
# Every user's password is bench-data-Password-2024 (e-mails homeownerN@, contractorN@, adminN@bench.fairtradeworker.test).
#
#   benchmarks/generate-data.sh [target] [scale] [seed] [now]
#
#   target  "local" (default): drops and re-creates database ftw_bench_data with roles ftw_bench_data_owner (schema
#           owner) and ftw_bench_data_app (runtime) on the machine's PostgreSQL (127.0.0.1:5432, superuser postgres),
#           as .ci/run does; or postgresql://owner[:password]@host:port/db: an existing, empty database whose
#           extensions a superuser already created; the runtime role is then $APP_ROLE (it must exist).
#   scale   1 (default) = 100,000 jobs and 1,000,000 bids; 0.01 for a quick try.
#   seed    42 (default). Same seed, scale and now give the same rows (the password hash's salt aside).
#   now     ISO instant every time stamp is anchored to (open jobs' deadlines lie after it); default the current hour.
#
# INDEXES=rebuild (default) drops the secondary indexes and foreign keys of jobs, bids and bid_revisions for the load
# and re-creates them in the same transaction (their definitions read back and compared, or nothing is committed);
# about 1.3-2.7 times faster here. INDEXES=keep loads into the tables with every index and key in place.
# FTW_BUILD_DIR (default target) is the Maven output folder, e.g. target-gen/target next to another build.
# Afterwards: DATABASE_URL=postgresql://ftw_bench_data_app@127.0.0.1:5432/ftw_bench_data
#             DATABASE_MIGRATION_URL=postgresql://ftw_bench_data_owner@127.0.0.1:5432/ftw_bench_data
# Remove it: psql -h 127.0.0.1 -U postgres -c 'DROP DATABASE ftw_bench_data WITH (FORCE)' \
#              -c 'DROP ROLE ftw_bench_data_app' -c 'DROP ROLE ftw_bench_data_owner'
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:-local}
scale=${2:-1}
seed=${3:-42}
now=${4:-}
build=${FTW_BUILD_DIR:-target}
case "$build" in /*) build_abs=$build ;; *) build_abs=$PWD/$build ;; esac
PGHOST=${BENCH_PGHOST:-127.0.0.1}
PGPORT=${BENCH_PGPORT:-5432}
PGADMIN=${BENCH_PGADMIN:-postgres}

if [ "$target" = local ]; then
  DB=ftw_bench_data OWNER=ftw_bench_data_owner APP=ftw_bench_data_app
  echo "generate-data: re-creating database $DB with roles $OWNER (schema owner) and $APP (runtime)"
  psql -v ON_ERROR_STOP=1 -q -h "$PGHOST" -p "$PGPORT" -U "$PGADMIN" -d postgres <<SQL
DROP DATABASE IF EXISTS $DB WITH (FORCE);
DROP ROLE IF EXISTS $APP;
DROP ROLE IF EXISTS $OWNER;
CREATE ROLE $OWNER LOGIN;
CREATE ROLE $APP LOGIN;
GRANT $APP TO $OWNER;
CREATE DATABASE $DB OWNER $OWNER;
REVOKE ALL ON DATABASE $DB FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE $DB TO $APP;
SQL
  psql -v ON_ERROR_STOP=1 -q -h "$PGHOST" -p "$PGPORT" -U "$PGADMIN" -d "$DB" <<SQL
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS cube;
CREATE EXTENSION IF NOT EXISTS earthdistance;
CREATE EXTENSION IF NOT EXISTS citext;
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE EXTENSION IF NOT EXISTS ltree;
SQL
  url="postgresql://$OWNER@$PGHOST:$PGPORT/$DB"
  app=$APP
else
  url=$target
  app=${APP_ROLE:?set APP_ROLE to the runtime role when passing a URL}
fi

./mvnw -q -B -Dftw.build.dir="$build" test-compile dependency:build-classpath \
  -Dmdep.outputFile="$build_abs/benchmark-classpath.txt" >/dev/null
java -Xmx1g -Dindexes="${INDEXES:-rebuild}" -cp "$build/test-classes:$build/classes:$(cat "$build/benchmark-classpath.txt")" \
  com.fairtradeworker.benchmark.DataGenerator "$url" "$app" "$scale" "$seed" "$now"
