#!/usr/bin/env bash
# Stripe path (issue 7): (1) the latency funding adds when the payment provider is the Stripe adapter talking to a local
# stand-in, against the simulated provider; (2) webhook processing throughput for signed payment_intent.succeeded
# events. Load from benchmarks/BidLoad.java (funding) and benchmarks/StripeBench.java (the stand-in, its round-trip
# probe, the webhook sender). Nothing leaves the machine: the "Stripe" here is a JDK HttpServer on 127.0.0.1.
#
#   benchmarks/stripe-benchmark.sh          # 9-11 minutes with the defaults, plus any wait for the lock (and up to
#                                           # 2 x QUIET_WAIT for a quiet box)
#
# 1. Build: ./mvnw -q -B -Dftw.build.dir=$FTW_BUILD_DIR -DskipTests package (target-sbench/target; SKIP_BUILD=1
#    reuses the jar).
# 2. Scratch database DB (ftw_bench_stripe) with roles ${DB}_owner (schema owner) and ${DB}_app (runtime) and the
#    extensions, created as postgres exactly as generate-data.sh's "local" branch does, then filled by
#    benchmarks/generate-data.sh at SCALE (0.1: 5,003 users, 10,000 jobs, 100,000 bids). Dropped at the end with its
#    roles (KEEP_DB=1 keeps them). Redis database REDIS_DB (12; must be empty) is flushed at the end.
# 3. The stand-in: java benchmarks/StripeBench.java stub STUB_PORT (3955): POST /v1/payment_intents,
#    GET /v1/payment_intents/{id}, GET /v1/charges/{id} (balance transaction expanded), in Stripe's JSON shapes; it
#    keeps each PaymentIntent the service created (amount, currency, metadata) and answers from that table, and it
#    times its own handler per route (GET /_bench/stats).
# 4. Service A, simulated provider: the jar on PORT (3954) with no STRIPE_SECRET_KEY, APP_ENV=development,
#    TRUSTED_PROXIES=127.0.0.1, API_RATE_LIMIT_CAPACITY=100000000, log level info for the application's packages,
#    access tokens valid for 3 h, a JWT_SECRET generated for the run (so tokens outlive the restart in 6).
# 5. Contracts through the API, as escrow-benchmark.sh makes them: OPEN jobs of verified homeowners with one SUBMITTED
#    bid that has a duration (read-only SQL), the homeowners sign in once each (own X-Forwarded-For, 4 at a time) and
#    accept the bids (POST /api/bids/{id}/accept, open model at ACCEPT_RATE, 40/s): PENDING_FUNDING contracts.
# 6. [measured, under the lock] Funding, simulated: POST /api/contracts/{id}/fund by the homeowner, fresh
#    Idempotency-Key, each contract once: WARMUP_SECONDS (20) at FUND_RATE (not measured), FUND_CLOSED (300) requests
#    one after another from one client, then FUND_SECONDS (20) at FUND_RATE (25/s, open model). Service A is then
#    stopped and service B started on the same database with STRIPE_SECRET_KEY=sk_test_<random>,
#    STRIPE_API_BASE=http://127.0.0.1:STUB_PORT and STRIPE_WEBHOOK_SECRET=whsec_<random> (test values made for the
#    run, never printed), and the same funding runs are made on fresh contracts: each creates a PaymentIntent at the
#    stand-in inside the funding transaction and answers 200 with the client secret, the payment PROCESSING. Then the
#    stand-in's own round trip from a client (StripeBench probe: PROBE_WARMUP 300, PROBE_REQUESTS 1000 sequential
#    POST /v1/payment_intents over HttpURLConnection, stripe-java's transport). Then, unless DELAY_MS=0, an open run of
#    DELAY_SECONDS (20) at DELAY_RATE (default FUND_RATE) with the stand-in answering DELAY_MS (300) later, as Stripe
#    over the internet might (an assumption, not a measurement of Stripe): the provider call runs inside the funding
#    transaction, so each funding then holds its contract lock and a pooled connection for that long. Every funding run
#    samples the pool's active and pending connections once a second (hikaricp_connections_*). The lock is held from
#    the simulated runs to here, service restart included, so no other locked benchmark measures between the two sides.
# 7. Set-up (not measured): the remaining contracts needed for the webhooks are funded through service B at
#    SETUP_FUND_RATE (40/s), spares as needed; every STRIPE payment PROCESSING becomes an event line; the stand-in marks
#    those PaymentIntents succeeded (as the payer's browser would, with Stripe.js), each with a charge and fee.
# 8. [measured, under the lock] Webhooks: signed payment_intent.succeeded events (one per payment, event id derived
#    from the payment) POSTed to /api/webhooks/stripe: WEBHOOK_WARMUP (300) as warm-up (4 senders), then closed loop WEBHOOK_CLOSED
#    (400) events for each of WEBHOOK_CLIENTS ("1 4 8") concurrent senders, then open model WEBHOOK_SECONDS (20) at
#    each of WEBHOOK_RATES ("25 50") per second. Each delivery makes the service verify the signature, re-read the
#    PaymentIntent and its charge from the stand-in, and in one transaction record the event, the payment SUCCEEDED,
#    the FUND journal transaction, the escrow HELD, the contract FUNDED and the PROCESSING_FEE transaction. Then 50
#    events are delivered again and must be answered as duplicates.
# 9. Checks (SQL): each webhook payment SUCCEEDED once, FUND and PROCESSING_FEE per contract exactly once, escrows HELD,
#    contracts FUNDED, webhook_events rows = events, no unbalanced journal transaction; simulated funding the same.
# Every run line shows the 1-minute load average and the service's CPU time per request (utime + stime of its process
# over the run / requests). Stripe runs add the stand-in's handler time per route and the adapter's own timer
# (ftw.payment.provider.calls, mean = sum / count from /actuator/prometheus) for the run.
# Measuring phases (6 and 8) run under flock on BENCH_LOCK (/tmp/ftw-bench.lock, waiting at most LOCK_WAIT, 1800 s),
# so two benchmarks that use the lock never measure at once; inside it, a 1-minute load above QUIET_LOAD (4) is waited
# out for at most QUIET_WAIT (120 s), then the run measures anyway and says so.
# Service, stand-in, Redis database, scratch database and tokens are cleaned up at the end, also on failure.
# Loopback only; every loop is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."
db=${DB:-ftw_bench_stripe}
scale=${SCALE:-0.1}
port=${PORT:-3954}
stub_port=${STUB_PORT:-3955}
redis_db=${REDIS_DB:-12}
build=${FTW_BUILD_DIR:-target-sbench/target}
out=${OUT:-$build/stripe-benchmark}
accept_rate=${ACCEPT_RATE:-40}
fund_rate=${FUND_RATE:-25}
fund_seconds=${FUND_SECONDS:-20}
fund_closed=${FUND_CLOSED:-300}
warmup=${WARMUP_SECONDS:-20}
probe_warmup=${PROBE_WARMUP:-300}
probe_requests=${PROBE_REQUESTS:-1000}
setup_fund_rate=${SETUP_FUND_RATE:-40}
read -r -a webhook_clients <<<"${WEBHOOK_CLIENTS:-1 4 8}"
webhook_closed=${WEBHOOK_CLOSED:-400}
read -r -a webhook_rates <<<"${WEBHOOK_RATES:-25 50}"
webhook_seconds=${WEBHOOK_SECONDS:-20}
webhook_warmup=${WEBHOOK_WARMUP:-300}
delay_ms=${DELAY_MS:-300}
delay_seconds=${DELAY_SECONDS:-20}
delay_rate=${DELAY_RATE:-$fund_rate}
redeliver=50
lock=${BENCH_LOCK:-/tmp/ftw-bench.lock}
lock_wait=${LOCK_WAIT:-1800}
quiet_load=${QUIET_LOAD:-4}
quiet_wait=${QUIET_WAIT:-120}
pg=(-h 127.0.0.1 -p 5432)
base="http://127.0.0.1:$port"
stub="http://127.0.0.1:$stub_port"
password=bench-data-Password-2024
mkdir -p "$out"
out=$(cd "$out" && pwd)
umask 077
log() { echo "[$(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)] $*"; }
load1() { cut -d' ' -f1 /proc/loadavg; }
sql() { psql "${pg[@]}" -U postgres -d "$db" -v ON_ERROR_STOP=1 -qAt "$@"; }
random_hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }

[ "$(redis-cli -h 127.0.0.1 -p 6379 -n "$redis_db" DBSIZE)" = 0 ] \
  || { echo "Redis database $redis_db is not empty (someone else's?); pick another REDIS_DB"; exit 1; }
for p in "$port" "$stub_port"; do
  ! curl -s -o /dev/null "http://127.0.0.1:$p" 2>/dev/null || { echo "port $p is in use; pick another PORT/STUB_PORT"; exit 1; }
done

# Test values made for this run; never printed (the service's StripeSettings.toString masks them too).
jwt_secret=$(random_hex 64)
stripe_key="sk_test_bench_$(random_hex 12)"
webhook_secret="whsec_bench_$(random_hex 16)"

service_pid=
stub_pid=
locked=0
stop_service() {
  if [ -n "$service_pid" ] && kill -0 "$service_pid" 2>/dev/null; then kill "$service_pid"; wait "$service_pid" 2>/dev/null || true; fi
  service_pid=
}
cleanup() {
  stop_service
  if [ -n "$stub_pid" ] && kill -0 "$stub_pid" 2>/dev/null; then kill "$stub_pid"; wait "$stub_pid" 2>/dev/null || true; fi
  [ "$locked" = 1 ] && { flock -u 9 || true; }
  redis-cli -h 127.0.0.1 -p 6379 -n "$redis_db" FLUSHDB >/dev/null || true
  if [ "${KEEP_DB:-0}" != 1 ]; then
    psql "${pg[@]}" -U postgres -q -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "DROP ROLE IF EXISTS ${db}_app" \
      -c "DROP ROLE IF EXISTS ${db}_owner" 2>/dev/null || true
  fi
  rm -rf "$out"/pool.txt "$out"/sampling "$out"/prom-*.txt "$out"/tokens-*.txt "$out"/run.txt "$out"/selection.txt "$out"/accept.txt "$out"/contracts.txt \
    "$out"/homeowners.txt "$out"/fund-*.txt "$out"/events*.txt "$out"/intents.txt "$out"/service-data
}
trap cleanup EXIT

acquire_lock() {
  local t0
  t0=$(date +%s)
  exec 9>>"$lock"
  flock -w "$lock_wait" 9 || { echo "no lock on $lock after ${lock_wait}s"; exit 1; }
  locked=1
  log "lock $lock held (waited $(($(date +%s) - t0))s)"
  local waited=0
  while awk -v l="$(load1)" -v q="$quiet_load" 'BEGIN {exit !(l > q)}' && [ "$waited" -lt "$quiet_wait" ]; do
    log "load above $quiet_load; waiting (${waited}s of at most ${quiet_wait}s)"
    sleep 30; waited=$((waited + 30))
  done
  if awk -v l="$(load1)" -v q="$quiet_load" 'BEGIN {exit !(l > q)}'; then log "still above $quiet_load: measuring anyway"; fi
}
release_lock() { flock -u 9; exec 9>&-; locked=0; log "lock $lock released"; }

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  log "build: ./mvnw -q -B -Dftw.build.dir=$build -DskipTests package"
  ./mvnw -q -B -Dftw.build.dir="$build" -DskipTests package
fi
jar=$(ls "$build"/fairtradeworker-*.jar | head -1)
log "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB; $(psql "${pg[@]}" -U postgres -Atc 'SELECT version()' | cut -d, -f1); $(java -version 2>&1 | head -1)"

# --- data ------------------------------------------------------------------------------------------------------------
log "database: $db (owner ${db}_owner, runtime ${db}_app), generate-data.sh scale $scale"
psql "${pg[@]}" -U postgres -d postgres -v ON_ERROR_STOP=1 -q <<SQL
DROP DATABASE IF EXISTS $db WITH (FORCE);
DROP ROLE IF EXISTS ${db}_app;
DROP ROLE IF EXISTS ${db}_owner;
CREATE ROLE ${db}_owner LOGIN;
CREATE ROLE ${db}_app LOGIN;
GRANT ${db}_app TO ${db}_owner;
CREATE DATABASE $db OWNER ${db}_owner;
REVOKE ALL ON DATABASE $db FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE $db TO ${db}_app;
SQL
psql "${pg[@]}" -U postgres -d "$db" -v ON_ERROR_STOP=1 -q <<SQL
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS cube;
CREATE EXTENSION IF NOT EXISTS earthdistance;
CREATE EXTENSION IF NOT EXISTS citext;
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE EXTENSION IF NOT EXISTS ltree;
SQL
FTW_BUILD_DIR="$build" APP_ROLE="${db}_app" benchmarks/generate-data.sh \
  "postgresql://${db}_owner@127.0.0.1:5432/$db" "$scale" >"$out/generate-data.log" 2>&1 \
  || { tail -20 "$out/generate-data.log"; exit 1; }
tail -2 "$out/generate-data.log"

# --- the stand-in and the service ------------------------------------------------------------------------------------
log "stand-in: StripeBench stub on $stub"
java benchmarks/StripeBench.java stub "$stub_port" 3600 >"$out/stub.log" 2>&1 9>&- &
stub_pid=$!
for _ in $(seq 1 60); do curl -sf "$stub/_bench/stats" >/dev/null 2>&1 && break; sleep 0.5; done
curl -sf "$stub/_bench/stats" >/dev/null || { echo "stand-in not up; see $out/stub.log"; exit 1; }

start_service() { # simulated|stripe
  local label=$1
  local -a stripe_env=(-u STRIPE_SECRET_KEY -u STRIPE_WEBHOOK_SECRET -u STRIPE_API_BASE -u STRIPE_CONNECT_WEBHOOK_SECRET)
  if [ "$label" = stripe ]; then
    stripe_env=(-u STRIPE_CONNECT_WEBHOOK_SECRET STRIPE_SECRET_KEY="$stripe_key" STRIPE_WEBHOOK_SECRET="$webhook_secret"
      STRIPE_API_BASE="$stub")
  fi
  log "service: $jar on port $port, Redis database $redis_db, provider $label"
  env "${stripe_env[@]}" \
    DATABASE_URL="postgresql://${db}_app@127.0.0.1:5432/$db" \
    DATABASE_MIGRATION_URL="postgresql://${db}_owner@127.0.0.1:5432/$db" \
    REDIS_URL="redis://127.0.0.1:6379/$redis_db" APP_ENV=development TRUSTED_PROXIES=127.0.0.1 JWT_SECRET="$jwt_secret" \
    API_RATE_LIMIT_CAPACITY=100000000 APP_SESSIONS_ACCESSTOKENLIFETIME=3h LOGGING_LEVEL_COM_FAIRTRADEWORKER=info \
    PORT="$port" APP_DATA_DIR="$out/service-data" java -jar "$jar" >"$out/service-$label.log" 2>&1 9>&- &
  service_pid=$!
  for _ in $(seq 1 240); do
    curl -sf "$base/actuator/health/readiness" >/dev/null 2>&1 && break
    kill -0 "$service_pid" 2>/dev/null || { echo "service exited; see $out/service-$label.log"; exit 1; }
    sleep 0.5
  done
  curl -sf "$base/actuator/health/readiness" >/dev/null || { echo "service not ready; see $out/service-$label.log"; exit 1; }
  if [ "$label" = stripe ]; then
    grep -q "Payments go to Stripe at $stub" "$out/service-$label.log" \
      || { echo "the service does not use the stand-in; see $out/service-$label.log"; exit 1; }
  else
    grep -q "SIMULATED PAYMENT PROVIDER" "$out/service-$label.log" || log "note: no SIMULATED PAYMENT PROVIDER line in the log yet"
  fi
}
start_service simulated

# --- contracts -------------------------------------------------------------------------------------------------------
n_fund=$((fund_rate * warmup + fund_closed + fund_rate * fund_seconds))  # per provider
n_delayed=0
[ "$delay_ms" -gt 0 ] && n_delayed=$((delay_rate * delay_seconds))
n_webhooks=$((webhook_warmup + ${#webhook_clients[@]} * webhook_closed)) # events delivered
for r in "${webhook_rates[@]}"; do n_webhooks=$((n_webhooks + r * webhook_seconds)); done
n_events=$n_webhooks # Stripe payments needed: one per event, and at least the Stripe funding runs' contracts
[ "$n_events" -ge $((n_fund + n_delayed)) ] || n_events=$((n_fund + n_delayed))
want=$((n_fund + n_events + (n_fund + n_events) / 30 + 10))
log "selection: $want OPEN jobs with a SUBMITTED bid ($n_fund simulated fundings, $n_events Stripe payments, spare)"
sql -F ' ' >"$out/selection.txt" <<SQL
WITH h AS (
  SELECT id, email::text AS email FROM users
  WHERE role = 'HOMEOWNER' AND status = 'ACTIVE' AND email_verified_at IS NOT NULL),
c AS (
  SELECT id FROM users WHERE role = 'CONTRACTOR' AND status = 'ACTIVE'),
open_bids AS (
  SELECT b.contractor_id, count(*) AS n FROM bids b JOIN jobs j ON j.id = b.job_id
  WHERE j.status = 'OPEN' AND b.status = 'SUBMITTED' GROUP BY b.contractor_id),
pick AS (
  SELECT DISTINCT ON (j.id) j.id AS job_id, j.homeowner_id, b.id AS bid_id
  FROM jobs j JOIN h ON h.id = j.homeowner_id
  JOIN bids b ON b.job_id = j.id AND b.status = 'SUBMITTED' AND b.estimated_duration_days IS NOT NULL
  JOIN c ON c.id = b.contractor_id JOIN open_bids o ON o.contractor_id = b.contractor_id
  WHERE j.status = 'OPEN'
  ORDER BY j.id, o.n DESC, b.contractor_id),
ranked AS (
  SELECT pick.*, count(*) OVER (PARTITION BY homeowner_id) AS jobs_of_homeowner,
         row_number() OVER (PARTITION BY homeowner_id ORDER BY job_id) AS k
  FROM pick),
chosen AS (
  SELECT * FROM ranked ORDER BY jobs_of_homeowner DESC, homeowner_id, k LIMIT $want)
SELECT row_number() OVER (ORDER BY k, homeowner_id), chosen.bid_id, h.email
FROM chosen JOIN h ON h.id = chosen.homeowner_id
ORDER BY k, homeowner_id;
SQL
[ "$(wc -l <"$out/selection.txt")" -eq "$want" ] || { echo "only $(wc -l <"$out/selection.txt") open jobs with a bid; raise SCALE"; exit 1; }

awk '{print $3}' "$out/selection.txt" | awk '!seen[$0]++' >"$out/homeowners.txt"
log "login: $(wc -l <"$out/homeowners.txt") homeowners, one X-Forwarded-For each"
: >"$out/tokens-homeowners.txt"
# sh -c: $0 base URL, $1 password, then from xargs $2 line number and $3 e-mail
awk '{print NR, $1}' "$out/homeowners.txt" | xargs -P 4 -n 2 sh -c '
  token=$(curl -sf -X POST "$0/api/auth/login" -H "Content-Type: application/json" \
    -H "X-Forwarded-For: 10.77.$(($2 / 250)).$(($2 % 250 + 1))" \
    -d "{\"email\":\"$3\",\"password\":\"$1\"}" | jq -r .accessToken) || token=
  if [ -n "$token" ] && [ "$token" != null ]; then echo "$3 $token"; fi' "$base" "$password" >>"$out/tokens-homeowners.txt"
log "login: $(wc -l <"$out/tokens-homeowners.txt") tokens"

: >"$out/results.txt"
record() { log "$1"; echo "[$(date -u +%FT%TZ)] $1" >>"$out/results.txt"; }
awk 'NR == FNR {t[$1] = $2; next} ($3 in t) {print t[$3], $2}' "$out/tokens-homeowners.txt" "$out/selection.txt" >"$out/accept.txt"
n_accept=$(wc -l <"$out/accept.txt")
record "setup accept load=$(load1) $(java benchmarks/BidLoad.java accept "$base" "$out/accept.txt" "$accept_rate" \
  "$(awk -v n="$n_accept" -v r="$accept_rate" 'BEGIN {printf "%.6f", n / r}')")"

# contracts.txt: "n contractId homeownerToken", PENDING_FUNDING, in selection order
sql -F ' ' >"$out/contracts.txt" <<SQL
CREATE TEMP TABLE sel (n int, bid_id uuid, homeowner text);
\\copy sel FROM '$out/selection.txt' WITH (DELIMITER ' ')
SELECT s.n, bc.id, s.homeowner FROM sel s JOIN bid_contracts bc ON bc.bid_id = s.bid_id
WHERE bc.status = 'PENDING_FUNDING' ORDER BY s.n;
SQL
awk 'NR == FNR {t[$1] = $2; next} ($3 in t) {print t[$3], $2}' "$out/tokens-homeowners.txt" "$out/contracts.txt" >"$out/fund-all.txt"
[ "$(wc -l <"$out/fund-all.txt")" -ge $((n_fund + n_events)) ] \
  || { echo "only $(wc -l <"$out/fund-all.txt") contracts for $((n_fund + n_events))"; exit 1; }
# sed, not tail | head: with pipefail, tail dies of SIGPIPE when head stops reading a long file
sed -n "1,${n_fund}p" "$out/fund-all.txt" >"$out/fund-simulated.txt"
sed -n "$((n_fund + 1)),$((n_fund + n_events))p" "$out/fund-all.txt" >"$out/fund-stripe.txt"
sed -n "$((n_fund + n_events + 1)),\$p" "$out/fund-all.txt" >"$out/fund-spare.txt"
log "contracts: $(wc -l <"$out/fund-all.txt") PENDING_FUNDING: $n_fund simulated, $n_events Stripe, $(wc -l <"$out/fund-spare.txt") spare"

# --- helpers for the measured runs -----------------------------------------------------------------------------------
cpu_ticks() { awk '{print $14 + $15}' "/proc/$service_pid/stat"; }
cpu_per() { # ticks-before requests -> ms of service CPU per request
  awk -v t="$(($(cpu_ticks) - $1))" -v n="$2" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.1f", 1000 * t / hz / n}'
}
prom() { curl -sf "$base/actuator/prometheus" | grep -E '^ftw_payment_provider_calls_seconds_(count|sum)' || true; }
prom_delta() { # before-file after-file -> "operation/outcome n=.. mean=..ms" per Stripe call kind in the run
  awk '{
      match($0, /operation="[^"]*"/); op = substr($0, RSTART + 11, RLENGTH - 12)
      match($0, /outcome="[^"]*"/); oc = substr($0, RSTART + 9, RLENGTH - 10)
      k = op "/" oc; kind = ($1 ~ /_count\{/) ? "n" : "s"
      if (FILENAME == ARGV[1]) before[k, kind] = $NF; else { after[k, kind] = $NF; keys[k] = 1 } }
    END { for (k in keys) { n = after[k, "n"] - before[k, "n"]; s = after[k, "s"] - before[k, "s"]
      if (n > 0) printf " adapter %s n=%d mean=%.2fms", k, n, 1000 * s / n } }' "$1" "$2"
}
stub_stats() { # one line: the stand-in's handler time per route since the last reset, then reset
  curl -sf "$stub/_bench/stats?reset=true" | awk '/^stub route/ {sub(/^stub /, ""); printf " stub %s", $0}
    /^stub intents/ {split($3, r, "="); if (r[2] > 0) printf " stub idempotent-replays=%s", r[2]}'
}
offset=0
fund_run() { # label file rate|closed seconds|requests
  local n before result prom_before
  if [ "$3" = closed ]; then n=$4; else n=$(($3 * $4)); fi
  sed -n "$((offset + 1)),$((offset + n))p" "$2" >"$out/run.txt"
  offset=$((offset + n))
  prom >"$out/prom-before.txt"; stub_stats >/dev/null
  : >"$out/pool.txt"; : >"$out/sampling"
  ( for _ in $(seq 1 700); do # the pool every second while the run lasts (bounded: 700 s)
      [ -e "$out/sampling" ] || break
      curl -sf "$base/actuator/prometheus" | awk '/^hikaricp_connections_(active|pending)\{/ {
        split($1, a, "{"); v[a[1]] += $NF} END {print v["hikaricp_connections_active"] + 0, v["hikaricp_connections_pending"] + 0}' \
        >>"$out/pool.txt" 2>/dev/null || true
      sleep 1
    done ) &
  local sampler=$!
  before=$(cpu_ticks)
  result=$(java benchmarks/BidLoad.java fund "$base" "$out/run.txt" "$3" "$4")
  local cpu
  cpu=$(cpu_per "$before" "$n")
  prom >"$out/prom-after.txt"
  rm -f "$out/sampling"; wait "$sampler" 2>/dev/null || true
  local pool
  pool=$(awk '{if ($1 > a) a = $1; if ($2 > p) p = $2; s += $1; n++} END {printf "pool active max=%d mean=%.1f pending max=%d (%d samples)", a, n ? s / n : 0, p, n}' "$out/pool.txt")
  rm -f "$out/pool.txt"
  record "$1 load=$(load1) $result service-cpu=${cpu}ms/request $pool$(prom_delta "$out/prom-before.txt" "$out/prom-after.txt")$(stub_stats)"
}
fund_phase() { # provider file
  offset=0
  fund_run "fund-$1-warm-up" "$2" "$fund_rate" "$warmup"
  fund_run "fund-$1-closed" "$2" closed "$fund_closed"
  fund_run "fund-$1-open" "$2" "$fund_rate" "$fund_seconds"
}
export STRIPE_SECRET_KEY="$stripe_key" STRIPE_WEBHOOK_SECRET="$webhook_secret" # for StripeBench only (environment, not argv)

# --- (1) funding: simulated, then Stripe against the stand-in ------------------------------------------------------
acquire_lock
fund_phase simulated "$out/fund-simulated.txt"
stop_service
start_service stripe
fund_phase stripe "$out/fund-stripe.txt"
stub_stats >/dev/null
record "probe load=$(load1) $(java benchmarks/StripeBench.java probe "$stub" "$probe_warmup" "$probe_requests")$(stub_stats)"
if [ "$delay_ms" -gt 0 ]; then
  log "stand-in: $(curl -sf -X POST "$stub/_bench/delay?ms=$delay_ms")"
  fund_run "fund-stripe-delayed-${delay_ms}ms-open-$delay_rate" "$out/fund-stripe.txt" "$delay_rate" "$delay_seconds"
  log "stand-in: $(curl -sf -X POST "$stub/_bench/delay?ms=0")"
fi
release_lock

# --- set-up for (2): every Stripe payment confirmed at the stand-in --------------------------------------------------
rest=$((n_events - offset))
if [ "$rest" -gt 0 ]; then
  tail -n +"$((offset + 1))" "$out/fund-stripe.txt" >"$out/run.txt"
  record "setup fund-stripe load=$(load1) $(java benchmarks/BidLoad.java fund "$base" "$out/run.txt" "$setup_fund_rate" \
    "$(awk -v n="$rest" -v r="$setup_fund_rate" 'BEGIN {printf "%.6f", n / r}')")"
fi
processing() { sql -F ' ' -c "SELECT provider_payment_id, id, contract_id, amount_minor, currency FROM payments
  WHERE provider = 'STRIPE' AND status = 'PROCESSING' AND provider_payment_id IS NOT NULL ORDER BY created_at, id" >"$out/events-all.txt"; }
processing
missing=$((n_webhooks - $(wc -l <"$out/events-all.txt")))
if [ "$missing" -gt 0 ]; then
  head -n "$((missing + 5))" "$out/fund-spare.txt" >"$out/run.txt"
  record "setup fund-stripe-spare load=$(load1) $(java benchmarks/BidLoad.java fund "$base" "$out/run.txt" 10 \
    "$(awk -v n="$(wc -l <"$out/run.txt")" 'BEGIN {printf "%.6f", n / 10}')")"
  processing
fi
[ "$(wc -l <"$out/events-all.txt")" -ge "$n_webhooks" ] || { echo "only $(wc -l <"$out/events-all.txt") Stripe payments PROCESSING"; exit 1; }
head -n "$n_webhooks" "$out/events-all.txt" >"$out/events.txt"
awk '{print $1}' "$out/events.txt" >"$out/intents.txt"
log "stand-in: $(curl -sf -X POST --data-binary @"$out/intents.txt" "$stub/_bench/confirm")"
stub_stats >/dev/null

# --- (2) webhooks ----------------------------------------------------------------------------------------------------
webhook_run() { # label closed CLIENTS N | label open RATE SECONDS
  local n before result prom_before
  if [ "$2" = closed ]; then n=$4; else n=$(($3 * $4)); fi
  sed -n "$((offset + 1)),$((offset + n))p" "$out/events.txt" >"$out/run.txt"
  offset=$((offset + n))
  prom >"$out/prom-before.txt"
  before=$(cpu_ticks)
  result=$(java benchmarks/StripeBench.java webhooks "$base" "$out/run.txt" "$2" "$3" "$4")
  prom >"$out/prom-after.txt"
  record "$1 load=$(load1) $result service-cpu=$(cpu_per "$before" "$n")ms/event$(prom_delta "$out/prom-before.txt" "$out/prom-after.txt")$(stub_stats)"
}
acquire_lock
offset=0
webhook_run webhooks-warm-up closed 4 "$webhook_warmup"
for c in "${webhook_clients[@]}"; do webhook_run "webhooks-closed-$c" closed "$c" "$webhook_closed"; done
for r in "${webhook_rates[@]}"; do webhook_run "webhooks-open-$r" open "$r" "$webhook_seconds"; done
release_lock
head -n "$redeliver" "$out/events.txt" >"$out/run.txt"
record "redeliver load=$(load1) $(java benchmarks/StripeBench.java redeliver "$base" "$out/run.txt" closed 2 "$redeliver")"

# --- checks ----------------------------------------------------------------------------------------------------------
awk '{print $2}' "$out/fund-simulated.txt" >"$out/events-sim-contracts.txt"
sql -F ' ' <<SQL | tee -a "$out/results.txt"
CREATE TEMP TABLE ev (pi text, payment uuid, contract uuid, amount bigint, currency text);
\\copy ev FROM '$out/events.txt' WITH (DELIMITER ' ')
CREATE TEMP TABLE sim (contract uuid);
\\copy sim FROM '$out/events-sim-contracts.txt'
SELECT 'check simulated: contracts ' || count(*)
    || ', payments SUCCEEDED ' || (SELECT count(*) FROM payments p JOIN sim ON sim.contract = p.contract_id
                                   WHERE p.status = 'SUCCEEDED' AND p.provider = 'SIMULATED')
    || ', FUND ' || (SELECT count(*) FROM transactions t JOIN sim ON sim.contract = t.contract_id WHERE t.kind = 'FUND')
    || ', escrows HELD ' || (SELECT count(*) FROM escrow_accounts e JOIN sim ON sim.contract = e.contract_id WHERE e.status = 'HELD')
FROM sim;
SELECT 'check stripe webhooks: events ' || count(*)
    || ', payments SUCCEEDED ' || (SELECT count(*) FROM payments p JOIN ev ON ev.payment = p.id WHERE p.status = 'SUCCEEDED' AND p.succeeded_at IS NOT NULL)
    || ', FUND ' || (SELECT count(*) FROM transactions t JOIN ev ON ev.contract = t.contract_id WHERE t.kind = 'FUND')
    || ' (contracts with more than one: ' || (SELECT count(*) FROM (SELECT t.contract_id FROM transactions t JOIN ev ON ev.contract = t.contract_id
         WHERE t.kind = 'FUND' GROUP BY t.contract_id HAVING count(*) > 1) d) || ')'
    || ', FUND provider reference = PaymentIntent ' || (SELECT count(*) FROM transactions t JOIN ev ON ev.contract = t.contract_id
         WHERE t.kind = 'FUND' AND t.provider_reference = ev.pi)
    || ', PROCESSING_FEE ' || (SELECT count(*) FROM transactions t JOIN ev ON ev.contract = t.contract_id WHERE t.kind = 'PROCESSING_FEE')
    || ', escrows HELD ' || (SELECT count(*) FROM escrow_accounts e JOIN ev ON ev.contract = e.contract_id WHERE e.status = 'HELD')
    || ', contracts FUNDED ' || (SELECT count(*) FROM bid_contracts bc JOIN ev ON ev.contract = bc.id WHERE bc.status = 'FUNDED')
    || ', webhook_events payment_intent.succeeded ' || (SELECT count(*) FROM webhook_events w WHERE w.provider = 'STRIPE'
         AND w.event_type = 'payment_intent.succeeded')
FROM ev;
SELECT 'check: Stripe payments by status ' || string_agg(status || '=' || n, ' ' ORDER BY status)
FROM (SELECT status, count(*) AS n FROM payments WHERE provider = 'STRIPE' GROUP BY status) s;
SELECT 'check: unbalanced journal transactions ' || count(*) FROM (
  SELECT transaction_id FROM ledger_entries GROUP BY transaction_id, currency HAVING sum(amount_minor) <> 0) u;
SELECT 'check: audit PAYMENT_AMOUNT_MISMATCH or STRIPE_PAYMENT_UNKNOWN ' || count(*) FROM audit_logs
WHERE action IN ('PAYMENT_AMOUNT_MISMATCH', 'STRIPE_PAYMENT_UNKNOWN');
SQL
record "service log: ERROR lines simulated=$(grep -c ' ERROR ' "$out/service-simulated.log" || true) stripe=$(grep -c ' ERROR ' "$out/service-stripe.log" || true)"

# --- summary ---------------------------------------------------------------------------------------------------------
pct() { # label key -> value of key= on the label's result line
  grep -E "^\[[^]]*\] $1 " "$out/results.txt" | head -1 | grep -oE " $2=[0-9.]+" | head -1 | cut -d= -f2
}
{
  echo "summary (ms): funding through the Stripe adapter and the stand-in minus the simulated provider"
  for run in closed open; do
    for q in p50 p95 p99; do
      s=$(pct "fund-simulated-$run" "$q"); t=$(pct "fund-stripe-$run" "$q")
      awk -v r="$run" -v q="$q" -v s="$s" -v t="$t" 'BEGIN {printf "  %-6s %-4s simulated %7.1f  stripe %7.1f  added %+7.1f\n", r, q, s, t, t - s}'
    done
  done
  echo "  stand-in round trip (probe): $(grep -E '^\[[^]]*\] probe ' "$out/results.txt" | grep -oE 'p50=[0-9.]+ p95=[0-9.]+ p99=[0-9.]+' | head -1)"
  if [ "$delay_ms" -gt 0 ]; then
    echo "  stand-in answering ${delay_ms} ms later, open: $(grep -E "^\[[^]]*\] fund-stripe-delayed" "$out/results.txt" \
      | grep -oE 'ok=[0-9.]+/s|errors=[0-9]+|p50=[0-9.]+ p95=[0-9.]+ p99=[0-9.]+|pool active max=[0-9]+ mean=[0-9.]+ pending max=[0-9]+' | head -4 | tr '\n' ' ')"
  fi
  echo "summary: webhooks (events/s sustained, latency ms)"
  grep -E '^\[[^]]*\] webhooks-(closed|open)' "$out/results.txt" | awk '{
      match($0, /ok=[0-9.]+/); ok = substr($0, RSTART + 3, RLENGTH - 3)
      match($0, /errors=[0-9]+/); e = substr($0, RSTART + 7, RLENGTH - 7)
      match($0, /p50=[0-9.]+ p95=[0-9.]+ p99=[0-9.]+/); p = substr($0, RSTART, RLENGTH)
      printf "  %-20s %7s/s errors=%s %s\n", $2, ok, e, p }'
} | tee -a "$out/results.txt"
log "results in $out/results.txt"
