#!/usr/bin/env bash
# Bid placement throughput through HTTP (issue 5): POST /api/jobs/{jobId}/bids from the packaged jar at increasing
# open-model arrival rates (benchmarks/BidLoad.java), with pgbench tpcb-like right before and after in the same session
# for the ratio. Each request is a distinct (contractor, job) pair on which the contractor has no bid yet.
#
#   # once: database ftw_bench_bids, owner ftw_bench_bids_owner, runtime ftw_bench_bids_app, the extensions created by
#   # postgres exactly as in generate-data.sh's "local" branch (see docs/PERFORMANCE.md, "Bid placement throughput")
#   APP_ROLE=ftw_bench_bids_app benchmarks/generate-data.sh postgresql://ftw_bench_bids_owner@127.0.0.1:5432/ftw_bench_bids 1
#   benchmarks/bid-benchmark.sh          # then this; about 5 minutes with the defaults
#
# DB (ftw_bench_bids; roles DB_owner / DB_app), CONTRACTORS (300) signed in, each login with its own X-Forwarded-For
# (logins are limited per account and per client IP); RATES ("25 50 100 200") per second, SECONDS_PER_RUN (20) each,
# after WARMUP_SECONDS (10) at the first rate (not measured); PORT (3951); REDIS_DB (11, flushed at the end); scratch
# database ${DB}_pgbench (scale 10, dropped at the end). The bid cap per contractor per day is raised with
# APP_BIDDING_MAX_BIDS_PER_DAY. Placed bids stay in the data set; a rerun skips those pairs.
# Loopback only; every loop is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."
db=${DB:-ftw_bench_bids}
contractors=${CONTRACTORS:-300}
read -r -a rates <<<"${RATES:-25 50 100 200}"
seconds=${SECONDS_PER_RUN:-20}
warmup=${WARMUP_SECONDS:-10}
port=${PORT:-3951}
redis_db=${REDIS_DB:-11}
build=${FTW_BUILD_DIR:-target}
out=${OUT:-$build/bid-benchmark}
pg=(-h 127.0.0.1 -p 5432)
base="http://127.0.0.1:$port"
mkdir -p "$out"
log() { echo "[$(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)] $*"; }

service_pid=
cleanup() {
  if [ -n "$service_pid" ] && kill -0 "$service_pid" 2>/dev/null; then kill "$service_pid"; wait "$service_pid" 2>/dev/null || true; fi
  redis-cli -h 127.0.0.1 -p 6379 -n "$redis_db" FLUSHDB >/dev/null || true
  psql "${pg[@]}" -U postgres -q -c "DROP DATABASE IF EXISTS ${db}_pgbench WITH (FORCE)" || true
}
trap cleanup EXIT

log "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB; $(psql "${pg[@]}" -U postgres -Atc 'SELECT version()' | cut -d, -f1)"
log "pgbench: scratch database ${db}_pgbench, scale 10"
psql "${pg[@]}" -U postgres -q -c "DROP DATABASE IF EXISTS ${db}_pgbench WITH (FORCE)" -c "CREATE DATABASE ${db}_pgbench"
pgbench "${pg[@]}" -U postgres -i -s 10 -q "${db}_pgbench" 2>&1 | tail -1

jar=$(ls "$build"/fairtradeworker-*.jar | head -1)
log "service: $jar on port $port"
env DATABASE_URL="postgresql://${db}_app@127.0.0.1:5432/$db" \
    DATABASE_MIGRATION_URL="postgresql://${db}_owner@127.0.0.1:5432/$db" \
    REDIS_URL="redis://127.0.0.1:6379/$redis_db" APP_ENV=development TRUSTED_PROXIES=127.0.0.1 \
    API_RATE_LIMIT_CAPACITY=100000000 APP_BIDDING_MAX_BIDS_PER_DAY=1000000 PORT="$port" \
    APP_DATA_DIR="$out/service-data" java -jar "$jar" >"$out/service.log" 2>&1 &
service_pid=$!
for _ in $(seq 1 240); do
  curl -sf "$base/actuator/health/readiness" >/dev/null 2>&1 && break
  kill -0 "$service_pid" 2>/dev/null || { echo "service exited; see $out/service.log"; exit 1; }
  sleep 0.5
done

# Pairs: contractor k (of the first $contractors by e-mail) gets a block of distinct OPEN jobs, still open for 2 hours,
# on which it has no bid; ordered round-robin over contractors so consecutive requests come from different ones.
need=$(( ${rates[0]} * warmup ))
for r in "${rates[@]}"; do need=$(( need + r * seconds )); done
per=$(( need / contractors + 2 ))
log "pairs: $need requests, $contractors contractors, $per jobs each"
psql "${pg[@]}" -U postgres -d "$db" -v ON_ERROR_STOP=1 -AtF ' ' >"$out/pairs-raw.txt" <<SQL
WITH c AS (
  SELECT id, email::text AS email, row_number() OVER (ORDER BY email) - 1 AS n FROM users
  WHERE role = 'CONTRACTOR' AND status = 'ACTIVE' ORDER BY email LIMIT $contractors),
j AS (
  SELECT id, currency, row_number() OVER (ORDER BY id) - 1 AS n FROM jobs
  WHERE status = 'OPEN' AND bidding_deadline > now() + interval '2 hours'),
p AS (
  SELECT c.email, c.id AS contractor_id, k, c.n AS cn, (c.n * ($per * 2) + k) % (SELECT count(*) FROM j) AS jn
  FROM c CROSS JOIN generate_series(0, $per * 2 - 1) AS k)
SELECT p.email, j.id, j.currency FROM p JOIN j ON j.n = p.jn
WHERE NOT EXISTS (SELECT 1 FROM bids b WHERE b.job_id = j.id AND b.contractor_id = p.contractor_id)
ORDER BY p.k, p.cn;
SQL
dups=$(awk '{print $1, $2}' "$out/pairs-raw.txt" | sort | uniq -d | wc -l)
[ "$dups" -eq 0 ] || { echo "duplicate pairs: $dups"; exit 1; }

log "login: $contractors contractors, one X-Forwarded-For each"
: >"$out/tokens.txt"
i=0
for email in $(awk '{print $1}' "$out/pairs-raw.txt" | awk '!seen[$0]++' | head -n "$contractors"); do
  i=$((i + 1))
  token=$(curl -sf -X POST "$base/api/auth/login" -H 'Content-Type: application/json' \
    -H "X-Forwarded-For: 10.77.$((i / 250)).$((i % 250 + 1))" \
    -d "{\"email\":\"$email\",\"password\":\"bench-data-Password-2024\"}" | jq -r .accessToken) || token=
  [ -n "$token" ] && [ "$token" != null ] && echo "$email $token" >>"$out/tokens.txt"
done
log "login: $(wc -l <"$out/tokens.txt") tokens"
awk 'NR == FNR {t[$1] = $2; next} ($1 in t) {print t[$1], $2, $3}' "$out/tokens.txt" "$out/pairs-raw.txt" >"$out/pairs.txt"
[ "$(wc -l <"$out/pairs.txt")" -ge "$need" ] || { echo "only $(wc -l <"$out/pairs.txt") pairs for $need requests"; exit 1; }

: >"$out/results.txt"
tpcb() { pgbench "${pg[@]}" -U postgres -n -c 4 -j 2 -T 20 "${db}_pgbench" 2>/dev/null | awk '/^tps/ {print $3}'; }
line="pgbench-tpcb-like before tps=$(tpcb) load=$(cut -d' ' -f1 /proc/loadavg)"; log "$line"; echo "$line" >>"$out/results.txt"

offset=0
run() { # rate seconds label
  local n=$(( $1 * $2 ))
  sed -n "$((offset + 1)),$((offset + n))p" "$out/pairs.txt" >"$out/run.txt"
  offset=$((offset + n))
  local result
  result=$(java benchmarks/BidLoad.java "$base" "$out/run.txt" "$1" "$2")
  line="$3 load=$(cut -d' ' -f1 /proc/loadavg) $result"; log "$line"; echo "$line" >>"$out/results.txt"
}
run "${rates[0]}" "$warmup" warm-up
for r in "${rates[@]}"; do run "$r" "$seconds" measured; done

line="pgbench-tpcb-like after tps=$(tpcb) load=$(cut -d' ' -f1 /proc/loadavg)"; log "$line"; echo "$line" >>"$out/results.txt"
psql "${pg[@]}" -U postgres -d "$db" -Atc "SELECT 'bids placed during the run: ' || count(*) FROM bids WHERE submitted_at > now() - interval '1 hour' AND proposal LIKE 'Benchmark bid %'" || true
rm -f "$out/tokens.txt" "$out/run.txt"
