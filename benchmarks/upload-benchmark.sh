#!/usr/bin/env bash
# Evidence uploads (issue 8): upload throughput for 10 MB files and the service's heap while ten run at once.
#
#   benchmarks/upload-benchmark.sh          # about 3 minutes after the build, plus any wait for quiet; nothing to prepare
#
# 1. Scratch database DB (ftw_bench_upload) with roles ${DB}_owner (schema owner, runs the migrations) and ${DB}_app
#    (runtime), created exactly as .ci/run creates its own (owner + app role + extensions); Redis database REDIS_DB
#    (13; must be empty at the start). All are dropped/flushed at the end, also on failure.
# 2. Build: ./mvnw -q -B -Dftw.build.dir=$FTW_BUILD_DIR -DskipTests package (SKIP_BUILD=1 reuses the jar). The jar
#    runs with APP_ENV=development, no AWS_S3_BUCKET (so the local directory adapter, under the run's own
#    APP_DATA_DIR=$OUT/service-data/evidence), java -Xmx$HEAP (512m) -Xms$HEAP -XX:+UseG1GC, a GC log
#    ($OUT/gc.log), API_RATE_LIMIT_CAPACITY=100000000, info logging for the application, on PORT (3958).
# 3. Setup, through the API unless said: one homeowner and one contractor sign up (POST /api/auth/signup); their
#    e-mail is marked verified with SQL as the owner role; both sign in; the contractor completes the profile (PUT
#    /api/me/contractor-profile, the JSON of MarketplaceFixtures); WORKERS (10) OPEN jobs are inserted with SQL as the
#    owner role (as MarketplaceFixtures.openJob does); the contractor bids on each (POST /api/jobs/{id}/bids), the
#    homeowner accepts each bid (POST /api/bids/{id}/accept) and funds each contract (POST /api/contracts/{id}/fund,
#    fresh Idempotency-Key; simulated payment provider): WORKERS FUNDED contracts.
# 4. The test file: FILE_BYTES (10,000,000, just under the 10 MiB EVIDENCE_MAX_BYTES) of "%PDF-1.4", random bytes and
#    "%%EOF": recognised as PDF by content (ContentDetection: "%PDF-" at offset 0) and stored as is.
# 5. Idle: after SETTLE (10) seconds, jstat -gc and jcmd GC.heap_info once, and the RSS (ps -o rss).
#    If the 1-minute load average is above QUIET_LOAD (4), wait up to QUIET_WAIT seconds (600), polling every 30 s;
#    then measure anyway (results.txt says so).
# 6. (a) sequential: benchmarks/UploadLoad.java with 1 worker: SEQ_WARMUP (3) uploads not measured, then SEQ_COUNT
#    (20) measured, one at a time. Each upload is POST /api/contracts/{id}/completion (multipart: part `completion`
#    JSON and one part `files` streamed from the file on disk) by the contractor; after each, the homeowner asks for
#    changes (POST .../completion/changes), which makes the contract FUNDED again (timed apart, not an upload).
#    (b) concurrent: WORKERS (10) workers, each on its own contract, 1 warm-up upload each, then each starts uploads
#    until CONC_SECONDS (30) have passed; while it runs, jstat -gc -t samples the heap, ps the RSS and
#    /actuator/prometheus the pool's active/pending connections every second; the GC log gives the pauses.
#    Service CPU per upload (utime+stime from /proc/PID/stat over the number of new evidence rows) for (a) and (b);
#    the live heap after a full GC (jcmd GC.run) at idle and after (b).
#    MB = 10^6 bytes of file content.
# 7. Checks (evidence rows and stored bytes), then clean-up: the service is stopped, the database and roles dropped,
#    Redis database flushed, the test file and the storage directory deleted. $OUT keeps results.txt, service.log,
#    gc.log and the samples.
set -euo pipefail
cd "$(dirname "$0")/.."
db=${DB:-ftw_bench_upload}
owner=${db}_owner
app=${db}_app
port=${PORT:-3958}
redis_db=${REDIS_DB:-13}
heap=${HEAP:-512m}
workers=${WORKERS:-10}
seq_warmup=${SEQ_WARMUP:-3}
seq_count=${SEQ_COUNT:-20}
conc_seconds=${CONC_SECONDS:-30}
settle=${SETTLE:-10}
quiet_load=${QUIET_LOAD:-4}
quiet_wait=${QUIET_WAIT:-600}
file_bytes=${FILE_BYTES:-10000000}
build=${FTW_BUILD_DIR:-target}
out=${OUT:-$build/upload-benchmark}
pg=(-h 127.0.0.1 -p 5432)
base="http://127.0.0.1:$port"
password=bench-data-Password-2024
mkdir -p "$out"
out=$(cd "$out" && pwd)
umask 077
log() { echo "[$(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)] $*"; }
: >"$out/results.txt"
record() { log "$1"; echo "[$(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)] $1" >>"$out/results.txt"; }
admin() { psql "${pg[@]}" -U postgres -v ON_ERROR_STOP=1 -q "$@"; }
sql() { psql "${pg[@]}" -U "$owner" -d "$db" -v ON_ERROR_STOP=1 -qAt "$@"; }

[ "$(redis-cli -h 127.0.0.1 -p 6379 -n "$redis_db" DBSIZE)" = 0 ] \
  || { echo "Redis database $redis_db is not empty (someone else's?); pick another REDIS_DB"; exit 1; }
! curl -s -o /dev/null "$base" 2>/dev/null || { echo "port $port is in use; pick another PORT"; exit 1; }
[ -z "$(psql "${pg[@]}" -U postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$db'")" ] \
  || { echo "database $db exists (a run in progress?); pick another DB"; exit 1; }

service_pid=
sampler_pids=()
cleanup() {
  for p in "${sampler_pids[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ -n "$service_pid" ] && kill -0 "$service_pid" 2>/dev/null; then kill "$service_pid"; wait "$service_pid" 2>/dev/null || true; fi
  redis-cli -h 127.0.0.1 -p 6379 -n "$redis_db" FLUSHDB >/dev/null || true
  admin -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "DROP ROLE IF EXISTS $app" \
    -c "DROP ROLE IF EXISTS $owner" || true
  rm -rf "$out/service-data" "$out/evidence.pdf" "$out/contracts.txt" "$out/tokens.txt"
}
trap cleanup EXIT

# --- database, exactly as .ci/run ------------------------------------------------------------------------------------
log "database: $db with roles $owner (schema owner) and $app (runtime); Redis database $redis_db"
admin -d postgres <<SQL
DROP DATABASE IF EXISTS $db WITH (FORCE);
DROP ROLE IF EXISTS $app;
DROP ROLE IF EXISTS $owner;
CREATE ROLE $owner LOGIN;
CREATE ROLE $app LOGIN;
GRANT $app TO $owner;
CREATE DATABASE $db OWNER $owner;
REVOKE ALL ON DATABASE $db FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE $db TO $app;
SQL
admin -d "$db" <<SQL
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS cube;
CREATE EXTENSION IF NOT EXISTS earthdistance;
CREATE EXTENSION IF NOT EXISTS citext;
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE EXTENSION IF NOT EXISTS ltree;
SQL

# --- build and start -------------------------------------------------------------------------------------------------
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  log "build: ./mvnw -q -B -Dftw.build.dir=$build -DskipTests package"
  ./mvnw -q -B -Dftw.build.dir="$build" -DskipTests package
fi
jar=$(ls "$build"/fairtradeworker-*.jar | head -1)
log "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB; $(java -version 2>&1 | head -1)"
log "service: $jar on port $port, -Xms$heap -Xmx$heap -XX:+UseG1GC, local evidence storage in $out/service-data/evidence"
rm -rf "$out/service-data"
mkdir -p "$out/service-data"
env -u STRIPE_SECRET_KEY -u STRIPE_WEBHOOK_SECRET -u AWS_S3_BUCKET -u AWS_S3_ENDPOINT -u EVIDENCE_LOCAL_DIR \
    -u EVIDENCE_MAX_BYTES \
    DATABASE_URL="postgresql://$app@127.0.0.1:5432/$db" \
    DATABASE_MIGRATION_URL="postgresql://$owner@127.0.0.1:5432/$db" \
    REDIS_URL="redis://127.0.0.1:6379/$redis_db" APP_ENV=development TRUSTED_PROXIES=127.0.0.1 \
    API_RATE_LIMIT_CAPACITY=100000000 APP_SESSIONS_ACCESSTOKENLIFETIME=3h LOGGING_LEVEL_COM_FAIRTRADEWORKER=info \
    PORT="$port" APP_DATA_DIR="$out/service-data" \
    java -Xms"$heap" -Xmx"$heap" -XX:+UseG1GC -Xlog:gc:file="$out/gc.log":uptime,time \
    -jar "$jar" >"$out/service.log" 2>&1 &
service_pid=$!
for _ in $(seq 1 360); do
  curl -sf "$base/actuator/health/readiness" >/dev/null 2>&1 && break
  kill -0 "$service_pid" 2>/dev/null || { echo "service exited; see $out/service.log"; exit 1; }
  sleep 0.5
done
curl -sf "$base/actuator/health/readiness" >/dev/null || { echo "service not ready; see $out/service.log"; exit 1; }
log "service: ready, pid $service_pid"

# --- accounts, jobs, bids, contracts, funding ------------------------------------------------------------------------
api() { # method path token [json]: prints the body, fails on a status >= 300
  local args=(-s -w '\n%{http_code}' -X "$1" "$base$2" -H "Content-Type: application/json")
  [ -n "$3" ] && args+=(-H "Authorization: Bearer $3")
  [ "$1" = POST ] && [[ "$2" == */fund ]] && args+=(-H "Idempotency-Key: $(cat /proc/sys/kernel/random/uuid)")
  [ -n "${4:-}" ] && args+=(-d "$4")
  local answer status
  answer=$(curl "${args[@]}")
  status=${answer##*$'\n'}
  [ "$status" -lt 300 ] || { echo "$1 $2: $status ${answer%$'\n'*}" >&2; return 1; }
  printf '%s\n' "${answer%$'\n'*}"
}
run_id=$(date -u +%s)
homeowner_email="upload-homeowner-$run_id@example.test"
contractor_email="upload-contractor-$run_id@example.test"
api POST /api/auth/signup "" "{\"email\":\"$homeowner_email\",\"password\":\"$password\",\"displayName\":\"Upload Homeowner\",\"accountType\":\"HOMEOWNER\"}" >/dev/null
api POST /api/auth/signup "" "{\"email\":\"$contractor_email\",\"password\":\"$password\",\"displayName\":\"Upload Contractor\",\"accountType\":\"CONTRACTOR\"}" >/dev/null
sql -c "UPDATE users SET email_verified_at = now() WHERE email IN ('$homeowner_email', '$contractor_email')"
homeowner=$(api POST /api/auth/login "" "{\"email\":\"$homeowner_email\",\"password\":\"$password\"}" | jq -r .accessToken)
contractor=$(api POST /api/auth/login "" "{\"email\":\"$contractor_email\",\"password\":\"$password\"}" | jq -r .accessToken)
next_year=$(date -u -d '+1 year' +%F)
api PUT /api/me/contractor-profile "$contractor" "{\"businessName\": \"Reliable Repairs\",
  \"trades\": [\"plumbing\", \"electrical\"],
  \"serviceArea\": {\"latitude\": 40.7128, \"longitude\": -74.006, \"radiusKm\": 50},
  \"licence\": {\"number\": \"LIC-12345\", \"region\": \"NY\", \"expiresOn\": \"$next_year\"},
  \"insurance\": {\"provider\": \"Acme Mutual\", \"expiresOn\": \"$next_year\"},
  \"bio\": \"Twenty years of pipes.\", \"yearsExperience\": 20}" | jq -e '.complete == true' >/dev/null
sql >"$out/jobs.txt" <<SQL
INSERT INTO jobs (id, homeowner_id, title, description, trade, latitude, longitude, address_text, postcode, currency,
                  bidding_deadline, status, published_at, created_at, updated_at)
SELECT gen_random_uuid(), u.id, 'Replace the water heater ' || g, 'The old one leaks; 50 gallon, gas.',
       'plumbing.water_heaters', 40.7128, -74.006, '1 Main Street, Springfield', '10001', 'USD',
       now() + interval '7 days', 'OPEN', now() - interval '1 hour', now(), now()
FROM users u, generate_series(1, $workers) g WHERE u.email = '$homeowner_email'
RETURNING id;
SQL
: >"$out/contracts.txt"
while read -r job; do
  bid=$(api POST "/api/jobs/$job/bids" "$contractor" \
    '{"amount": {"amountMinor": 50000, "currency": "USD"}, "proposal": "Upload benchmark", "estimatedDurationDays": 3}' | jq -r .id)
  api POST "/api/bids/$bid/accept" "$homeowner" >/dev/null
  contract=$(sql -c "SELECT id FROM bid_contracts WHERE bid_id = '$bid'")
  api POST "/api/contracts/$contract/fund" "$homeowner" | jq -e '.contractStatus == "FUNDED"' >/dev/null
  echo "$contract $contractor $homeowner" >>"$out/contracts.txt"
done <"$out/jobs.txt"
rm -f "$out/jobs.txt"
log "setup: $(wc -l <"$out/contracts.txt") FUNDED contracts: $(sql -c "SELECT string_agg(status || '=' || n, ' ') FROM (SELECT status, count(*) n FROM bid_contracts GROUP BY status) s")"

# --- the file --------------------------------------------------------------------------------------------------------
{ printf '%%PDF-1.4\n%%'; head -c $((file_bytes - 17)) /dev/urandom; printf '\n%%%%EOF\n'; } >"$out/evidence.pdf"
[ "$(stat -c %s "$out/evidence.pdf")" -eq "$file_bytes" ] || { echo "test file is not $file_bytes bytes"; exit 1; }

# --- heap sampling ---------------------------------------------------------------------------------------------------
jstat_used() { # jstat -gc output on stdin: the used heap (S0U+S1U+EU+OU) in MiB of each sample
  awk 'NR == 1 {for (i = 1; i <= NF; i++) col[$i] = i; next}
       $1 ~ /^[0-9.]+$/ {printf "%.1f\n", ($(col["S0U"]) + $(col["S1U"]) + $(col["EU"]) + $(col["OU"])) / 1024}'
}
rss_mib() { awk '{printf "%.1f\n", $1 / 1024}' <<<"$(ps -o rss= -p "$service_pid")"; }
cpu_ms() { awk -v t="$(getconf CLK_TCK)" '{printf "%d", ($14 + $15) * 1000 / t}' "/proc/$service_pid/stat"; }
files() { sql -c "SELECT count(*) FROM evidence_files"; }
live_after_gc() { # a full GC (jcmd GC.run), then the used heap in MiB
  jcmd "$service_pid" GC.run >/dev/null && jstat -gc "$service_pid" | jstat_used
}
sleep "$settle"
record "idle (after setup, before any upload): heap-used=$(jstat -gc "$service_pid" | jstat_used)MiB (mostly garbage of start-up and setup), after a full GC (jcmd GC.run) $(live_after_gc)MiB, committed=$(jstat -gc "$service_pid" | awk 'NR == 2 {printf "%.0f", ($1 + $2 + $5 + $7) / 1024}')MiB, rss=$(rss_mib)MiB, -Xmx=$heap"
jcmd "$service_pid" GC.heap_info >"$out/heap-idle.txt" 2>&1 || true

# --- quiet -----------------------------------------------------------------------------------------------------------
waited=0
above() { awk -v l="$(cut -d' ' -f1 /proc/loadavg)" -v q="$quiet_load" 'BEGIN {exit !(l > q)}'; }
while above && [ "$waited" -lt "$quiet_wait" ]; do
  log "load above $quiet_load; waiting (${waited}s of at most ${quiet_wait}s)"
  sleep 30; waited=$((waited + 30))
done
above && record "note: 1-minute load still above $quiet_load after ${waited}s: measuring anyway"

# --- (a) sequential --------------------------------------------------------------------------------------------------
cpu0=$(cpu_ms); files0=$(files)
record "sequential 1 x ${file_bytes}B: $(java benchmarks/UploadLoad.java "$base" "$out/evidence.pdf" "$out/contracts.txt" 1 "$seq_warmup" "n=$seq_count")"
cpu1=$(cpu_ms); files1=$(files)
record "sequential service CPU (utime+stime, warm-up included): $((cpu1 - cpu0)) ms for $((files1 - files0)) uploads = $(( (cpu1 - cpu0) / (files1 - files0) )) ms per 10 MB upload (with its change request)"
record "after sequential rss=$(rss_mib)MiB"

# --- (b) concurrent, with heap and RSS samples -----------------------------------------------------------------------
jstat -gc -t "$service_pid" 1000 >"$out/jstat-concurrent.txt" &
sampler_pids+=($!)
( while kill -0 "$service_pid" 2>/dev/null; do echo "$(date -u +%T) $(ps -o rss= -p "$service_pid")"; sleep 1; done ) >"$out/rss-concurrent.txt" &
sampler_pids+=($!)
( while kill -0 "$service_pid" 2>/dev/null; do
    echo "$(date -u +%T) $(curl -s -m 2 "$base/actuator/prometheus" | awk '/^hikaricp_connections_(active|pending)\{/ {printf "%s=%s ", $1, $2}')"
    sleep 1; done ) >"$out/pool-concurrent.txt" &
sampler_pids+=($!)
gc_from=$(wc -l <"$out/gc.log")
conc_start=$(date -u +%FT%TZ)
cpu0=$(cpu_ms); files0=$(files)
record "concurrent $workers x ${file_bytes}B for ${conc_seconds}s: $(java benchmarks/UploadLoad.java "$base" "$out/evidence.pdf" "$out/contracts.txt" "$workers" 1 "s=$conc_seconds")"
cpu1=$(cpu_ms); files1=$(files)
for p in "${sampler_pids[@]}"; do kill "$p" 2>/dev/null || true; done
sampler_pids=()
peak_used=$(jstat_used <"$out/jstat-concurrent.txt" | sort -n | tail -1)
samples=$(jstat_used <"$out/jstat-concurrent.txt" | wc -l)
peak_rss=$(awk '{print $2}' "$out/rss-concurrent.txt" | sort -n | tail -1)
# the GC log's "before->after(committed)" of each collection in the window: the peak just before each GC
tail -n +"$((gc_from + 1))" "$out/gc.log" | grep -E 'GC\([0-9]+\) Pause' >"$out/gc-concurrent.txt" || true
gc_count=$(wc -l <"$out/gc-concurrent.txt")
gc_peak=$({ grep -oE '[0-9]+M->[0-9]+M\([0-9]+M\)' "$out/gc-concurrent.txt" || true; } | cut -dM -f1 | sort -n | tail -1)
gc_pauses=$({ grep -oE '[0-9.]+ms$' "$out/gc-concurrent.txt" || true; } | tr -d ms | sort -n \
  | awk '{a[NR] = $1; s += $1} END {if (NR) printf "max=%.1fms total=%.0fms", a[NR], s; else printf "none"}')
full_gcs=$({ grep -c 'Pause Full' "$out/gc-concurrent.txt" || true; })
record "concurrent heap (from $conc_start, $samples jstat samples at 1 s): peak-used=${peak_used}MiB of -Xmx$heap; GC log: ${gc_count} pauses (${gc_pauses}), largest heap before a pause=${gc_peak:--}MiB, full GCs=$full_gcs; peak rss=$(awk -v k="$peak_rss" 'BEGIN {printf "%.1f", k / 1024}')MiB"
pool_active=$({ grep -oE 'hikaricp_connections_active\{[^ ]*=[0-9.]+' "$out/pool-concurrent.txt" || true; } | sed 's/.*=//' | sort -n | tail -1)
pool_pending=$({ grep -oE 'hikaricp_connections_pending\{[^ ]*=[0-9.]+' "$out/pool-concurrent.txt" || true; } | sed 's/.*=//' | sort -n | tail -1)
record "concurrent service CPU (warm-up included): $((cpu1 - cpu0)) ms for $((files1 - files0)) uploads = $(( (cpu1 - cpu0) / (files1 - files0) )) ms per upload; connection pool (1 s samples of /actuator/prometheus): peak active ${pool_active:-n/a}, peak pending ${pool_pending:-n/a}"
jcmd "$service_pid" GC.heap_info >"$out/heap-after.txt" 2>&1 || true
record "after the concurrent run: heap after a full GC $(live_after_gc)MiB, rss=$(rss_mib)MiB"

# --- checks ----------------------------------------------------------------------------------------------------------
stored=$(find "$out/service-data/evidence" -type f | wc -l)
stored_bytes=$(du -sb "$out/service-data/evidence" | cut -f1)
record "check: evidence rows $(sql -c "SELECT count(*) || ' (' || count(DISTINCT sha256) || ' distinct sha256, sizes ' || min(size_bytes) || '-' || max(size_bytes) || ')' FROM evidence_files"), completions $(sql -c "SELECT string_agg(status || '=' || n, ' ') FROM (SELECT status, count(*) n FROM job_completions GROUP BY status) s"), stored files $stored ($stored_bytes bytes), service errors in log $(grep -c ' ERROR ' "$out/service.log" || true)"
log "results in $out/results.txt"
