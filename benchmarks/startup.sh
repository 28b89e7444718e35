#!/usr/bin/env bash
# Time from the README's start command to "ready" (readiness UP), and the idle service's resident memory.
#   benchmarks/startup.sh embedded   # embedded PostgreSQL + Redis, fresh data directory each run
#   benchmarks/startup.sh external   # the machine's PostgreSQL (127.0.0.1:5432, trust) and Redis (127.0.0.1:6379)
# Each mode runs REPEAT times (default 3) and prints every run and the median. Uses ports 3900-3999.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-embedded}
repeat=${REPEAT:-3}
port=39$((RANDOM % 90 + 10))

prepare_external() {
  psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres -d postgres <<SQL
DROP DATABASE IF EXISTS ftw_bench WITH (FORCE);
DROP ROLE IF EXISTS ftw_bench_app; DROP ROLE IF EXISTS ftw_bench_owner;
CREATE ROLE ftw_bench_owner LOGIN; CREATE ROLE ftw_bench_app LOGIN; GRANT ftw_bench_app TO ftw_bench_owner;
CREATE DATABASE ftw_bench OWNER ftw_bench_owner;
SQL
  for ext in pg_trgm cube earthdistance citext pgcrypto ltree; do
    psql -q -h 127.0.0.1 -U postgres -d ftw_bench -c "CREATE EXTENSION IF NOT EXISTS $ext" >/dev/null
  done
}

./mvnw -q -B -DskipTests compile >/dev/null   # warm: the start command then only checks that classes are current
times=()
for i in $(seq 1 "$repeat"); do
  data=$(mktemp -d)
  env_args=(APP_DATA_DIR="$data" PORT="$port")
  if [ "$mode" = external ]; then
    prepare_external
    env_args+=(DATABASE_URL=postgresql://ftw_bench_app@127.0.0.1:5432/ftw_bench
               DATABASE_MIGRATION_URL=postgresql://ftw_bench_owner@127.0.0.1:5432/ftw_bench
               REDIS_URL=redis://127.0.0.1:6379/9)
  fi
  start=$(date +%s%N)
  env "${env_args[@]}" ./mvnw -q -B spring-boot:run >"$data/service.log" 2>&1 &
  launcher=$!
  until curl -sf "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null 2>&1; do
    sleep 0.05
    if ! kill -0 "$launcher" 2>/dev/null; then echo "service exited; see $data/service.log"; exit 1; fi
  done
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  sleep 5   # let start-up work settle before reading idle memory
  pid=$(pgrep -f "FairTradeWorkerApplication" | head -1)
  rss_mb=$(( $(awk '/VmRSS/ {print $2}' "/proc/$pid/status") / 1024 ))
  echo "run $i ($mode): ready after ${ms} ms; idle RSS ${rss_mb} MiB (service JVM only)"
  times+=("$ms")
  kill "$pid" 2>/dev/null || true
  wait "$launcher" 2>/dev/null || true
  rm -rf "$data"
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (repeat + 1) / 2 ))p")
echo "median ($mode, $repeat runs): ${median} ms"
