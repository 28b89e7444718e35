#!/usr/bin/env bash
# Escrow (issue 6): funding and release throughput through HTTP with the simulated payment provider, as a ratio of
# pgbench tpcb-like TPS measured right before and after in the same session; and the statement's latency for a
# contract with 100 movements. Load from benchmarks/BidLoad.java (open model, latency from each request's due time).
#
#   # once: database ftw_bench_escrow, owner ftw_bench_escrow_owner, runtime ftw_bench_escrow_app, the extensions
#   # created by postgres exactly as in generate-data.sh's "local" branch (see docs/PERFORMANCE.md, "Escrow")
#   APP_ROLE=ftw_bench_escrow_app benchmarks/generate-data.sh postgresql://ftw_bench_escrow_owner@127.0.0.1:5432/ftw_bench_escrow 0.1
#   benchmarks/escrow-benchmark.sh       # then this; about 12 minutes with the defaults, plus any wait for quiet
#
# 1. Build: ./mvnw -q -B -Dftw.build.dir=$FTW_BUILD_DIR -DskipTests package (SKIP_BUILD=1 reuses the jar). The jar
#    runs with APP_ENV=development, no STRIPE_SECRET_KEY (so the SIMULATED provider: payments, transfers and refunds
#    succeed at once), TRUSTED_PROXIES=127.0.0.1, API_RATE_LIMIT_CAPACITY=100000000, its own Redis database REDIS_DB
#    (14; must be empty at the start, flushed at the end) and PORT (3953), log level info for the application's
#    packages (development's default is debug), access tokens valid for 3 h (the run outlives the default 15 min).
# 2. Contracts, all through the API: the selection (SQL, read only) takes OPEN jobs of ACTIVE homeowners with a
#    verified e-mail, one SUBMITTED bid per job (from the contractors with the most open bids, so few contractors
#    sign in; never a bid without estimated_duration_days: data sets generated before V17 left it NULL on about 10% of
#    bids, and accepting such a bid answered 500, see docs/PERFORMANCE.md), homeowners with the most such jobs first. Every
#    homeowner and contractor signs in once (POST /api/auth/login, each with its own X-Forwarded-For: logins are
#    limited per account and per IP; 4 at a time), then the homeowners accept the bids (POST /api/bids/{id}/accept,
#    open model at ACCEPT_RATE, 20/s): each job AWARDED, its contract PENDING_FUNDING, its other bids REJECTED, its
#    funding clock started. 5% more contracts than the runs need are made (spares, see 6).
# 3. If the 1-minute load average is above QUIET_LOAD (4), wait up to QUIET_WAIT seconds (1200), polling every
#    minute; then measure anyway (the log says so).
# 4. pgbench tpcb-like (scratch database ${DB}_pgbench, scale 10, -c 4 -j 2 -T 20) before.
# 5. Funding: POST /api/contracts/{id}/fund by the homeowner, a fresh Idempotency-Key per request, each contract once;
#    WARMUP_SECONDS (10) at the first rate (not measured), then SECONDS_PER_RUN (20) at each of RATES ("25 50 100").
# 6. Release: funding requests shed or failed in 5 are made up for with spare contracts, funded at 10/s (not
#    measured), so that every release request has a funded contract; the contractors then submit completion on every
#    funded contract (POST /api/contracts/{id}/completion, JSON, no files; open model at COMPLETE_RATE, 50/s; a
#    figure of its own, not release), then the homeowners approve (POST /api/contracts/{id}/completion/approve, fresh
#    Idempotency-Key): the escrow is RELEASED (journal RELEASE: escrow +A, contractor payable -(A - fee), fee revenue
#    -fee) and a payout waits for the contractor's account. Warm-up and rates as for funding, on the contracts funded
#    in 5 (and the spares) in the same order.
# 7. Statement: one more accepted contract is funded through the API, then STATEMENT_MOVEMENTS - 1 (99) balanced
#    PAYOUT journal transactions for it are inserted as the owner role (entries CONTRACTOR_PAYABLE of its contractor
#    +p, PROVIDER_CASH -p, contract_id set: V6's PAYOUT posting; the statement lists FUND, exits and PAYOUTs, not
#    PROCESSING_FEE, and the database allows one FUND and one exit per contract, so only PAYOUTs can make 100 rows;
#    no domain flow makes that many, and no payouts rows are inserted); the script checks that GET /api/contracts/{id}/escrow answers STATEMENT_MOVEMENTS movements, then
#    STATEMENT_WARMUP (100) sequential GETs by the homeowner (not measured) and STATEMENT_REQUESTS (300) measured.
# 8. pgbench tpcb-like after; the ratios; the database is checked (FUND and RELEASE per contract, balanced journal).
# Every run line shows the 1-minute load average and the service's CPU time per request (utime + stime of its process
# over the run divided by the run's requests; PostgreSQL's and the load generator's CPU are not included).
#
# The service is stopped, its Redis database flushed and the pgbench scratch database dropped at the end (also on
# failure); the data set stays. Each run turns about 3,950 OPEN jobs into contracts; scale 0.1 has 8,516, so run
# generate-data.sh again (drop and re-create the database first) before a third run.
# Tokens are kept in OUT (mode 600) during the run and deleted at the end. Loopback only; every loop is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."
db=${DB:-ftw_bench_escrow}
read -r -a rates <<<"${RATES:-25 50 100}"
seconds=${SECONDS_PER_RUN:-20}
warmup=${WARMUP_SECONDS:-10}
accept_rate=${ACCEPT_RATE:-20}
complete_rate=${COMPLETE_RATE:-50}
movements=${STATEMENT_MOVEMENTS:-100}
statement_warmup=${STATEMENT_WARMUP:-100}
statement_requests=${STATEMENT_REQUESTS:-300}
quiet_load=${QUIET_LOAD:-4}
quiet_wait=${QUIET_WAIT:-1200}
port=${PORT:-3953}
redis_db=${REDIS_DB:-14}
build=${FTW_BUILD_DIR:-target}
out=${OUT:-$build/escrow-benchmark}
pg=(-h 127.0.0.1 -p 5432)
base="http://127.0.0.1:$port"
password=bench-data-Password-2024
mkdir -p "$out"
umask 077
log() { echo "[$(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)] $*"; }
load1() { cut -d' ' -f1 /proc/loadavg; }
sql() { psql "${pg[@]}" -U postgres -d "$db" -v ON_ERROR_STOP=1 -qAt "$@"; }

[ "$(redis-cli -h 127.0.0.1 -p 6379 -n "$redis_db" DBSIZE)" = 0 ] \
  || { echo "Redis database $redis_db is not empty (someone else's?); pick another REDIS_DB"; exit 1; }
! curl -s -o /dev/null "$base" 2>/dev/null || { echo "port $port is in use; pick another PORT"; exit 1; }

service_pid=
cleanup() {
  if [ -n "$service_pid" ] && kill -0 "$service_pid" 2>/dev/null; then kill "$service_pid"; wait "$service_pid" 2>/dev/null || true; fi
  redis-cli -h 127.0.0.1 -p 6379 -n "$redis_db" FLUSHDB >/dev/null || true
  psql "${pg[@]}" -U postgres -q -c "DROP DATABASE IF EXISTS ${db}_pgbench WITH (FORCE)" || true
  rm -f "$out"/tokens-*.txt "$out"/run.txt "$out"/fund.txt "$out"/spare.txt "$out"/complete.txt "$out"/approve.txt \
    "$out"/accept.txt "$out"/statement.txt "$out"/selection.txt "$out"/contracts.txt "$out"/measured.txt \
    "$out"/homeowners.txt "$out"/contractors.txt "$out"/funded-ids.txt "$out"/submitted-ids.txt
}
trap cleanup EXIT

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  log "build: ./mvnw -q -B -Dftw.build.dir=$build -DskipTests package"
  ./mvnw -q -B -Dftw.build.dir="$build" -DskipTests package
fi
jar=$(ls "$build"/fairtradeworker-*.jar | head -1)
log "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB; $(psql "${pg[@]}" -U postgres -Atc 'SELECT version()' | cut -d, -f1)"
log "pgbench: scratch database ${db}_pgbench, scale 10"
psql "${pg[@]}" -U postgres -q -c "DROP DATABASE IF EXISTS ${db}_pgbench WITH (FORCE)" -c "CREATE DATABASE ${db}_pgbench"
pgbench "${pg[@]}" -U postgres -i -s 10 -q "${db}_pgbench" 2>&1 | tail -1

log "service: $jar on port $port, Redis database $redis_db, simulated payment provider"
env -u STRIPE_SECRET_KEY -u STRIPE_WEBHOOK_SECRET \
    DATABASE_URL="postgresql://${db}_app@127.0.0.1:5432/$db" \
    DATABASE_MIGRATION_URL="postgresql://${db}_owner@127.0.0.1:5432/$db" \
    REDIS_URL="redis://127.0.0.1:6379/$redis_db" APP_ENV=development TRUSTED_PROXIES=127.0.0.1 \
    API_RATE_LIMIT_CAPACITY=100000000 APP_SESSIONS_ACCESSTOKENLIFETIME=3h LOGGING_LEVEL_COM_FAIRTRADEWORKER=info \
    PORT="$port" APP_DATA_DIR="$out/service-data" java -jar "$jar" >"$out/service.log" 2>&1 &
service_pid=$!
for _ in $(seq 1 240); do
  curl -sf "$base/actuator/health/readiness" >/dev/null 2>&1 && break
  kill -0 "$service_pid" 2>/dev/null || { echo "service exited; see $out/service.log"; exit 1; }
  sleep 0.5
done
curl -sf "$base/actuator/health/readiness" >/dev/null || { echo "service not ready; see $out/service.log"; exit 1; }
grep -q "SIMULATED PAYMENT PROVIDER" "$out/service.log" || log "note: no SIMULATED PAYMENT PROVIDER line in the log yet"

# --- contracts -------------------------------------------------------------------------------------------------------
need=$(( ${rates[0]} * warmup ))
for r in "${rates[@]}"; do need=$(( need + r * seconds )); done
want=$(( need + need / 20 + 5 )) # 5% spare for failed acceptances, and one for the statement
log "selection: $want OPEN jobs with a SUBMITTED bid ($need funding/release requests + spare + 1 statement contract)"
sql -F ' ' >"$out/selection.txt" <<SQL
WITH h AS (
  SELECT id, email::text AS email FROM users
  WHERE role = 'HOMEOWNER' AND status = 'ACTIVE' AND email_verified_at IS NOT NULL),
c AS (
  SELECT id, email::text AS email FROM users WHERE role = 'CONTRACTOR' AND status = 'ACTIVE'),
open_bids AS (
  SELECT b.contractor_id, count(*) AS n FROM bids b JOIN jobs j ON j.id = b.job_id
  WHERE j.status = 'OPEN' AND b.status = 'SUBMITTED' GROUP BY b.contractor_id),
pick AS (
  SELECT DISTINCT ON (j.id) j.id AS job_id, j.homeowner_id, b.id AS bid_id, b.contractor_id
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
SELECT row_number() OVER (ORDER BY k, homeowner_id), chosen.bid_id, h.email, c.email
FROM chosen JOIN h ON h.id = chosen.homeowner_id JOIN c ON c.id = chosen.contractor_id
ORDER BY k, homeowner_id;
SQL
[ "$(wc -l <"$out/selection.txt")" -eq "$want" ] || { echo "only $(wc -l <"$out/selection.txt") open jobs with a bid left"; exit 1; }

login_all() { # emails-file tokens-file second-octet: one sign-in per e-mail, each from its own X-Forwarded-For
  : >"$2"
  # sh -c: $0 base URL, $1 second octet, $2 password, then from xargs $3 line number and $4 e-mail
  awk '{print NR, $1}' "$1" | xargs -P 4 -n 2 sh -c '
    token=$(curl -sf -X POST "$0/api/auth/login" -H "Content-Type: application/json" \
      -H "X-Forwarded-For: 10.$1.$(($3 / 250)).$(($3 % 250 + 1))" \
      -d "{\"email\":\"$4\",\"password\":\"$2\"}" | jq -r .accessToken) || token=
    if [ -n "$token" ] && [ "$token" != null ]; then echo "$4 $token"; fi' "$base" "$3" "$password" >>"$2"
}
awk '{print $3}' "$out/selection.txt" | awk '!seen[$0]++' >"$out/homeowners.txt"
awk '{print $4}' "$out/selection.txt" | awk '!seen[$0]++' >"$out/contractors.txt"
log "login: $(wc -l <"$out/homeowners.txt") homeowners and $(wc -l <"$out/contractors.txt") contractors, one X-Forwarded-For each"
login_all "$out/homeowners.txt" "$out/tokens-homeowners.txt" 78
login_all "$out/contractors.txt" "$out/tokens-contractors.txt" 79
log "login: $(wc -l <"$out/tokens-homeowners.txt") homeowner and $(wc -l <"$out/tokens-contractors.txt") contractor tokens"

# accept.txt: "homeownerToken bidId" in selection order (round-robin over homeowners)
awk 'NR == FNR {t[$1] = $2; next} ($3 in t) {print t[$3], $2}' "$out/tokens-homeowners.txt" "$out/selection.txt" >"$out/accept.txt"
n_accept=$(wc -l <"$out/accept.txt")
: >"$out/results.txt"
record() { log "$1"; echo "[$(date -u +%FT%TZ)] $1" >>"$out/results.txt"; }
record "setup accept load=$(load1) $(java benchmarks/BidLoad.java accept "$base" "$out/accept.txt" "$accept_rate" \
  "$(awk -v n="$n_accept" -v r="$accept_rate" 'BEGIN {printf "%.6f", n / r}')")"

# contracts.txt: "n contractId homeownerToken contractorToken" for the accepted, still PENDING_FUNDING contracts
sql -F ' ' >"$out/contracts.txt" <<SQL
CREATE TEMP TABLE sel (n int, bid_id uuid, homeowner text, contractor text);
\\copy sel FROM '$out/selection.txt' WITH (DELIMITER ' ')
SELECT s.n, bc.id, s.homeowner, s.contractor FROM sel s JOIN bid_contracts bc ON bc.bid_id = s.bid_id
WHERE bc.status = 'PENDING_FUNDING' ORDER BY s.n;
SQL
awk 'FILENAME ~ /homeowners/ {h[$1] = $2; next} FILENAME ~ /contractors/ {c[$1] = $2; next}
     ($3 in h) && ($4 in c) {print $1, $2, h[$3], c[$4]}' \
  "$out/tokens-homeowners.txt" "$out/tokens-contractors.txt" "$out/contracts.txt" >"$out/contracts-tokens.txt"
mv "$out/contracts-tokens.txt" "$out/contracts.txt"
[ "$(wc -l <"$out/contracts.txt")" -gt "$need" ] || { echo "only $(wc -l <"$out/contracts.txt") contracts for $need requests + 1"; exit 1; }
statement_line=$(tail -n 1 "$out/contracts.txt")
head -n "$need" "$out/contracts.txt" >"$out/measured.txt"
sed '$d' "$out/contracts.txt" | tail -n +"$((need + 1))" >"$out/spare.txt"
log "contracts: $(wc -l <"$out/contracts.txt") PENDING_FUNDING: $need for funding, $(wc -l <"$out/spare.txt") spare, 1 for the statement"

# --- quiet -----------------------------------------------------------------------------------------------------------
waited=0
while awk -v l="$(load1)" -v q="$quiet_load" 'BEGIN {exit !(l > q)}' && [ "$waited" -lt "$quiet_wait" ]; do
  log "load above $quiet_load; waiting (${waited}s of at most ${quiet_wait}s)"
  sleep 60; waited=$((waited + 60))
done
awk -v l="$(load1)" -v q="$quiet_load" 'BEGIN {exit !(l > q)}' && log "still above $quiet_load after ${waited}s: measuring anyway"

tpcb() { pgbench "${pg[@]}" -U postgres -n -c 4 -j 2 -T 20 "${db}_pgbench" 2>/dev/null | awk '/^tps/ {print $3}'; }
tps_before=$(tpcb); record "pgbench-tpcb-like before tps=$tps_before load=$(load1)"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$service_pid/stat"; }
offset=0
run() { # mode file-of-"token target" rate seconds label: one BidLoad run, with the service's CPU time per request
  local n=$(( $3 * $4 )) before result
  sed -n "$((offset + 1)),$((offset + n))p" "$2" >"$out/run.txt"
  offset=$((offset + n))
  before=$(cpu_ticks)
  result=$(java benchmarks/BidLoad.java "$1" "$base" "$out/run.txt" "$3" "$4")
  record "$5 load=$(load1) $result service-cpu=$(awk -v t="$(( $(cpu_ticks) - before ))" -v n="$n" -v hz="$(getconf CLK_TCK)" \
    'BEGIN {printf "%.1f", 1000 * t / hz / n}')ms/request"
}
phase() { # mode file label
  offset=0
  run "$1" "$2" "${rates[0]}" "$warmup" "$3-warm-up"
  for r in "${rates[@]}"; do run "$1" "$2" "$r" "$seconds" "$3"; done
}

# --- funding ---------------------------------------------------------------------------------------------------------
awk '{print $3, $2}' "$out/measured.txt" >"$out/fund.txt"
phase fund "$out/fund.txt" fund

# --- release ---------------------------------------------------------------------------------------------------------
# Funding requests shed or failed above leave contracts unfunded; the spare contracts are funded here (not measured),
# as many as needed, so that release has a funded contract for each of its requests.
sql -F ' ' -c "SELECT id FROM bid_contracts WHERE status = 'FUNDED'" >"$out/funded-ids.txt"
missing=$(( need - $(awk 'NR == FNR {f[$1] = 1; next} ($2 in f)' "$out/funded-ids.txt" "$out/measured.txt" | wc -l) ))
if [ "$missing" -gt 0 ]; then
  head -n "$((missing + 5))" "$out/spare.txt" | awk '{print $3, $2}' >"$out/run.txt"
  record "setup fund-spare load=$(load1) $(java benchmarks/BidLoad.java fund "$base" "$out/run.txt" 10 \
    "$(awk -v n="$((missing + 5))" 'BEGIN {printf "%.6f", n / 10}')")"
  head -n "$((missing + 5))" "$out/spare.txt" >>"$out/measured.txt"
  sql -F ' ' -c "SELECT id FROM bid_contracts WHERE status = 'FUNDED'" >"$out/funded-ids.txt"
fi
awk 'NR == FNR {f[$1] = 1; next} ($2 in f) {print $4, $2}' "$out/funded-ids.txt" "$out/measured.txt" >"$out/complete.txt"
n_complete=$(wc -l <"$out/complete.txt")
record "setup complete load=$(load1) $(java benchmarks/BidLoad.java complete "$base" "$out/complete.txt" "$complete_rate" \
  "$(awk -v n="$n_complete" -v r="$complete_rate" 'BEGIN {printf "%.6f", n / r}')")"
sql -F ' ' -c "SELECT id FROM bid_contracts WHERE status = 'COMPLETION_SUBMITTED'" >"$out/submitted-ids.txt"
awk 'NR == FNR {s[$1] = 1; next} ($2 in s) {print $3, $2}' "$out/submitted-ids.txt" "$out/measured.txt" >"$out/approve.txt"
[ "$(wc -l <"$out/approve.txt")" -ge "$need" ] \
  || { echo "only $(wc -l <"$out/approve.txt") contracts await approval for $need requests"; exit 1; }
phase approve "$out/approve.txt" release

# --- statement -------------------------------------------------------------------------------------------------------
read -r _ statement_contract statement_token _ <<<"$statement_line"
log "statement: contract $statement_contract, funded through the API, then $((movements - 1)) PAYOUT movements"
curl -sf -X POST "$base/api/contracts/$statement_contract/fund" -H "Authorization: Bearer $statement_token" \
  -H "Idempotency-Key: $(cat /proc/sys/kernel/random/uuid)" | jq -r '"funded: contract " + .contractStatus + ", escrow " + .escrow.status'
currency=$(sql -c "SELECT currency FROM bid_contracts WHERE id = '$statement_contract'")
psql "${pg[@]}" -U "${db}_owner" -d "$db" -v ON_ERROR_STOP=1 -q <<SQL
BEGIN;
INSERT INTO ledger_accounts (kind, currency, owner_id)
  SELECT 'CONTRACTOR_PAYABLE', '$currency', contractor_id FROM bid_contracts WHERE id = '$statement_contract'
  ON CONFLICT (kind, owner_id, currency) DO NOTHING;
CREATE TEMP TABLE payouts_made ON COMMIT DROP AS
  SELECT gen_random_uuid() AS id, g, 100 + g AS amount_minor FROM generate_series(1, $((movements - 1))) AS g;
INSERT INTO transactions (id, kind, contract_id, idempotency_key, provider_reference, description, occurred_at)
  SELECT id, 'PAYOUT', '$statement_contract', 'benchmark-payout:$statement_contract:' || g,
         'sim_tr_benchmark_' || replace(id::text, '-', ''), 'Benchmark payout ' || g, now() + g * interval '1 millisecond'
  FROM payouts_made;
INSERT INTO ledger_entries (transaction_id, ledger_account_id, amount_minor, currency)
  SELECT p.id, a.id, CASE a.kind WHEN 'CONTRACTOR_PAYABLE' THEN p.amount_minor ELSE -p.amount_minor END, '$currency'
  FROM payouts_made p JOIN ledger_accounts a ON a.currency = '$currency' AND (
    (a.kind = 'PROVIDER_CASH' AND a.owner_id IS NULL)
    OR (a.kind = 'CONTRACTOR_PAYABLE'
        AND a.owner_id = (SELECT contractor_id FROM bid_contracts WHERE id = '$statement_contract')));
COMMIT;
SQL
got=$(curl -sf "$base/api/contracts/$statement_contract/escrow" -H "Authorization: Bearer $statement_token" | jq '.movements | length')
bytes=$(curl -sf "$base/api/contracts/$statement_contract/escrow" -H "Authorization: Bearer $statement_token" | wc -c)
[ "$got" -eq "$movements" ] || { echo "statement has $got movements, expected $movements"; exit 1; }
log "statement: $got movements, $bytes bytes of JSON"
for _ in $(seq 1 $((statement_warmup + statement_requests))); do echo "$statement_token $statement_contract"; done >"$out/statement.txt"
java benchmarks/BidLoad.java statement "$base" "$out/statement.txt" closed "$statement_warmup" >/dev/null
record "statement-${movements}-movements load=$(load1) bytes=$bytes $(java benchmarks/BidLoad.java statement "$base" "$out/statement.txt" closed "$statement_requests")"

tps_after=$(tpcb); record "pgbench-tpcb-like after tps=$tps_after load=$(load1)"

# --- ratios and checks -----------------------------------------------------------------------------------------------
log "ratios: ok/s of each measured run / tpcb-like tps (mean of before $tps_before and after $tps_after; range against each)"
grep -E '^\[[^]]*\] (fund|release) load' "$out/results.txt" | awk -v b="$tps_before" -v a="$tps_after" '{
  match($0, /ok=[0-9.]+/); ok = substr($0, RSTART + 3, RLENGTH - 3)
  match($0, /open rate=[0-9.]+/); rate = substr($0, RSTART + 10, RLENGTH - 10)
  line = sprintf("ratio %s rate=%s ok=%s/s / tpcb %.0f = %.4f (%.4f-%.4f)", $2, rate, ok, (a + b) / 2, ok / ((a + b) / 2),
    ok / (a > b ? a : b), ok / (a > b ? b : a))
  print line }' | tee -a "$out/results.txt"
sql -F ' ' <<SQL | tee -a "$out/results.txt"
CREATE TEMP TABLE m (n int, id uuid, h text, c text);
\\copy m FROM '$out/measured.txt' WITH (DELIMITER ' ')
SELECT 'check: contracts funded through the API for the runs (measured, warm-up, spare) ' || count(*)
    || ', FUND ' || (SELECT count(*) FROM transactions t JOIN m ON m.id = t.contract_id WHERE t.kind = 'FUND')
    || ', RELEASE ' || (SELECT count(*) FROM transactions t JOIN m ON m.id = t.contract_id WHERE t.kind = 'RELEASE')
    || ', other exits ' || (SELECT count(*) FROM transactions t JOIN m ON m.id = t.contract_id WHERE t.kind IN ('REFUND', 'SPLIT'))
    || ', payments SUCCEEDED ' || (SELECT count(*) FROM payments p JOIN m ON m.id = p.contract_id WHERE p.status = 'SUCCEEDED')
    || ', payouts ' || (SELECT count(*) FROM payouts p JOIN m ON m.id = p.contract_id)
    || ', contracts by status ' || (SELECT string_agg(status || '=' || n, ' ' ORDER BY status)
         FROM (SELECT bc.status, count(*) AS n FROM bid_contracts bc JOIN m ON m.id = bc.id GROUP BY bc.status) s)
    || ', escrows by status ' || (SELECT string_agg(status || '=' || n, ' ' ORDER BY status)
         FROM (SELECT e.status, count(*) AS n FROM escrow_accounts e JOIN m ON m.id = e.contract_id GROUP BY e.status) s)
FROM m;
SELECT 'check: unbalanced journal transactions ' || count(*) FROM (
  SELECT transaction_id FROM ledger_entries GROUP BY transaction_id, currency HAVING sum(amount_minor) <> 0) u;
SQL
log "results in $out/results.txt"
