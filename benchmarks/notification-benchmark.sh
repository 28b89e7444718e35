#!/usr/bin/env bash
# Notifications (issue 9): delivery lag from a domain event to SMTP acceptance, p50/p95/p99/max, with EVENTS (1,000)
# events queued at once, and how fast the outbox drains them. Everything runs against the packaged jar and a local SMTP
# sink (benchmarks/NotificationLoad.java), on a scratch database of its own.
#
#   benchmarks/notification-benchmark.sh    # about 3 minutes after the build, plus any wait for the lock; nothing to prepare
#
# 1. Scratch database DB (ftw_bench_notify) with roles ${DB}_owner (schema owner, runs the migrations) and ${DB}_app
#    (runtime), created exactly as .ci/run creates its own (owner + app role + extensions); Redis database REDIS_DB
#    (15; must be empty at the start). All are dropped/flushed at the end, also on failure.
# 2. Build: ./mvnw -q -B -Dftw.build.dir=$FTW_BUILD_DIR -DskipTests package (FTW_BUILD_DIR target-nbench/target;
#    SKIP_BUILD=1 reuses the jar).
# 3. The SMTP sink (NotificationLoad sink) on 127.0.0.1:SMTP_PORT (3962): plain SMTP, no STARTTLS offered, no AUTH,
#    250 to everything; per message it records the wall-clock time right after the final "." (before its 250), the
#    time the connection was accepted, the Message-ID's local part (the outbox row's id) and the job id of the
#    /jobs/<id> link in the body. The service (APP_ENV=development, info logging, PORT 3961) sends to it with
#    SMTP_HOST=127.0.0.1 SMTP_PORT=$SMTP_PORT (SmtpMailTransport; SMTP_STARTTLS stays at its default true, which only
#    upgrades when the server offers STARTTLS, and SMTP_STARTTLS_REQUIRED at false). Outbox settings are the defaults:
#    app.mail.poll-interval 1 s, batch size 20 (MailSettings), at most 50 batches per poll (OutboxDelivery).
# 4. Setup through the API unless said: HOMEOWNERS (10) homeowners and CONTRACTORS (20) contractors sign up (POST
#    /api/auth/signup, each with its own X-Forwarded-For; TRUSTED_PROXIES=127.0.0.1), their e-mail is marked verified
#    with SQL as the owner role, they sign in, the contractors complete their profiles (PUT /api/me/contractor-profile);
#    EVENTS OPEN jobs are inserted with SQL as the owner role (as MarketplaceFixtures.openJob does), round robin over
#    the homeowners. The sign-ups' verification mails go through the sink; the script waits until the outbox has
#    nothing pending and the sink has every one of them, so the measured queue starts empty (and the SMTP path is
#    proven before the measurement).
# 5. Measurement, under flock /tmp/ftw-bench.lock (so two benchmarks never measure at once; the build and setup run
#    outside it): if the 1-minute load is above QUIET_LOAD (4), wait up to QUIET_WAIT s (300) for it to fall, then
#    measure anyway. Warm-up (not measured): WARMUP_EVENTS (200) bids on jobs of their own, the same way, drained,
#    then 5 s of rest. NotificationLoad bids places one bid on each job (POST /api/jobs/{id}/bids, job n by contractor
#    n mod CONTRACTORS) with CONCURRENCY (8) closed loops, as fast as the service takes them. Each bid publishes
#    BidSubmitted, whose listener (BiddingNotifications, asynchronous after commit) puts one "New bid on ..." mail to the
#    job's homeowner into the outbox; the dispatcher sends it to the sink. The script waits (at most DRAIN_TIMEOUT s,
#    600) until the sink has a mail for every job, then GRACE s (10) more for any duplicate.
#    MODE=live (default): one instance serves the API and dispatches, as deployed; the dispatcher drains while the bids
#    still go in. MODE=held: the whole queue first, then the drain. Two instances of the jar on the same database, Redis
#    and JWT_SECRET (the bodies are sealed with a key derived from it; a random one, never printed): PORT serves the
#    API and runs the listeners with APP_MAIL_SCHEDULED=false, DISPATCHER_PORT (3963) gets no requests and only
#    dispatches (several instances polling with SKIP LOCKED is the outbox's design). The dispatcher instance is stopped
#    (SIGSTOP) while the measured bids go in and until every one of their mails is in the outbox, then resumed
#    (SIGCONT): the lag from the resumption and the drain rate of EVENTS queued mails are reported as well.
# 6. Per mail, from the sink's record and the database (read after the run with psql):
#      lag          = SMTP acceptance - event_publication.publication_date of BidSubmitted for BiddingNotifications
#                     (the event registered inside the bid's transaction, just before its commit)
#      lag from 201 = SMTP acceptance - the moment the client got the bid's 201 (after commit; a lower bound)
#      listener     = notifications.created_at (the listener's insert) - publication_date
#      outbox       = SMTP acceptance - notifications.created_at
#    p50/p95/p99/max (nearest rank), the drain (first event to last acceptance; first to last acceptance), mails per
#    second, the peak outbox depth (queued but not yet accepted), the SMTP session time (connect to acceptance) and the
#    gap between consecutive acceptances, the pauses of 0.9 s or more between acceptances (poll intervals), the service's
#    CPU time, the mails accepted while the bids still went in and after the last one, the API instance's pool and
#    listener executor (1 s samples of /actuator/prometheus), the 1-minute load average before and after. Checks: exactly one mail per job (no job twice, none
#    missing), each mail's link is the job of the bid its outbox row's dedupe key names, every row SENT on attempt 1.
# Results: OUT/results.txt (OUT defaults to FTW_BUILD_DIR/notification-benchmark), with service.log and the raw sink
# and bid records. Loopback only; every loop is bounded. Tokens stay in OUT (mode 600) during the run only.
set -euo pipefail
cd "$(dirname "$0")/.."
db=${DB:-ftw_bench_notify}
owner=${db}_owner
app=${db}_app
mode=${MODE:-live}
port=${PORT:-3961}
dispatcher_port=${DISPATCHER_PORT:-3963}
smtp_port=${SMTP_PORT:-3962}
redis_db=${REDIS_DB:-15}
events=${EVENTS:-1000}
warmup=${WARMUP_EVENTS:-200}
homeowners=${HOMEOWNERS:-10}
contractors=${CONTRACTORS:-20}
concurrency=${CONCURRENCY:-8}
drain_timeout=${DRAIN_TIMEOUT:-600}
grace=${GRACE:-10}
quiet_load=${QUIET_LOAD:-4}
quiet_wait=${QUIET_WAIT:-300}
lock=${BENCH_LOCK:-/tmp/ftw-bench.lock}
build=${FTW_BUILD_DIR:-target-nbench/target}
out=${OUT:-$build/notification-benchmark}
pg=(-h 127.0.0.1 -p 5432)
export PGOPTIONS='-c client_min_messages=warning'
base="http://127.0.0.1:$port"
password=bench-data-Password-2024
case "$mode" in live | held) ;; *) echo "MODE is live or held"; exit 2 ;; esac
case "$db" in ftw_bench_data | ftw_ci | postgres | template*) echo "refusing to use database $db"; exit 2 ;; esac
mkdir -p "$out"
out=$(cd "$out" && pwd)
umask 077
log() { echo "[$(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)] $*"; }
load1() { cut -d' ' -f1 /proc/loadavg; }
: >"$out/results.txt"
record() { log "$1"; echo "[$(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)] $1" >>"$out/results.txt"; }
admin() { psql "${pg[@]}" -U postgres -v ON_ERROR_STOP=1 -q "$@"; }
sql() { psql "${pg[@]}" -U "$owner" -d "$db" -v ON_ERROR_STOP=1 -qAt "$@"; }

[ "$(redis-cli -h 127.0.0.1 -p 6379 -n "$redis_db" DBSIZE)" = 0 ] \
  || { echo "Redis database $redis_db is not empty (someone else's?); pick another REDIS_DB"; exit 1; }
! curl -s -o /dev/null "$base" 2>/dev/null || { echo "port $port is in use; pick another PORT"; exit 1; }
[ "$mode" = live ] || ! curl -s -o /dev/null "http://127.0.0.1:$dispatcher_port" 2>/dev/null \
  || { echo "port $dispatcher_port is in use; pick another DISPATCHER_PORT"; exit 1; }
! (exec 3<>"/dev/tcp/127.0.0.1/$smtp_port") 2>/dev/null || { echo "port $smtp_port is in use; pick another SMTP_PORT"; exit 1; }
[ -z "$(psql "${pg[@]}" -U postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$db'")" ] \
  || { echo "database $db exists (a run in progress?); pick another DB"; exit 1; }

service_pid=
dispatcher_pid=
sink_pid=
sampler_pid=
cleanup() {
  if [ -n "$sampler_pid" ]; then kill "$sampler_pid" 2>/dev/null || true; fi
  if [ -n "$service_pid" ] && kill -0 "$service_pid" 2>/dev/null; then kill "$service_pid"; wait "$service_pid" 2>/dev/null || true; fi
  if [ -n "$dispatcher_pid" ] && kill -0 "$dispatcher_pid" 2>/dev/null; then
    kill -CONT "$dispatcher_pid"; kill "$dispatcher_pid"; wait "$dispatcher_pid" 2>/dev/null || true
  fi
  if [ -n "$sink_pid" ] && kill -0 "$sink_pid" 2>/dev/null; then kill "$sink_pid"; wait "$sink_pid" 2>/dev/null || true; fi
  redis-cli -h 127.0.0.1 -p 6379 -n "$redis_db" FLUSHDB >/dev/null || true
  admin -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "DROP ROLE IF EXISTS $app" \
    -c "DROP ROLE IF EXISTS $owner" || true
  rm -rf "$out/service-data" "$out/dispatcher-data" "$out/tokens-homeowners.txt" "$out/tokens-contractors.txt" "$out/pairs.txt" \
    "$out/pairs-warmup.txt" "$out/pairs-all.txt" "$out/jobs.txt"
}
trap cleanup EXIT

# --- build -----------------------------------------------------------------------------------------------------------
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  log "build: ./mvnw -q -B -Dftw.build.dir=$build -DskipTests package"
  ./mvnw -q -B -Dftw.build.dir="$build" -DskipTests package
fi
jar=$(ls "$build"/fairtradeworker-*.jar | head -1)

# --- database, exactly as .ci/run ------------------------------------------------------------------------------------
log "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB; $(psql "${pg[@]}" -U postgres -Atc 'SELECT version()' | cut -d, -f1); $(java -version 2>&1 | head -1)"
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

# --- SMTP sink and service -------------------------------------------------------------------------------------------
: >"$out/sink.txt"
java benchmarks/NotificationLoad.java sink "$smtp_port" "$out/sink.txt" 3600 2>"$out/sink.log" &
sink_pid=$!
for _ in $(seq 1 60); do grep -q listening "$out/sink.log" 2>/dev/null && break; sleep 0.5; done
grep -q listening "$out/sink.log" || { echo "SMTP sink did not start; see $out/sink.log"; exit 1; }
log "sink: SMTP on 127.0.0.1:$smtp_port, pid $sink_pid"

rm -rf "$out/service-data" "$out/dispatcher-data"
mkdir -p "$out/service-data" "$out/dispatcher-data"
# One JWT_SECRET for both instances in held mode: the outbox bodies are sealed with a key derived from it.
jwt_secret=$(od -An -tx1 -N64 /dev/urandom | tr -d ' \n')
start_service() { # port scheduled data-dir log: the jar in the background; prints nothing, sets started_pid
  env -u SENDGRID_API_KEY -u SMTP_USERNAME -u SMTP_PASSWORD -u SMTP_STARTTLS -u SMTP_STARTTLS_REQUIRED \
      -u STRIPE_SECRET_KEY -u STRIPE_WEBHOOK_SECRET -u TWILIO_ACCOUNT_SID -u TWILIO_AUTH_TOKEN -u TWILIO_PHONE_NUMBER \
      -u FRONTEND_URL -u EMAIL_FROM JWT_SECRET="$jwt_secret" APP_MAIL_SCHEDULED="$2" \
      SMTP_HOST=127.0.0.1 SMTP_PORT="$smtp_port" \
      DATABASE_URL="postgresql://$app@127.0.0.1:5432/$db" \
      DATABASE_MIGRATION_URL="postgresql://$owner@127.0.0.1:5432/$db" \
      REDIS_URL="redis://127.0.0.1:6379/$redis_db" APP_ENV=development TRUSTED_PROXIES=127.0.0.1 \
      API_RATE_LIMIT_CAPACITY=100000000 APP_BIDDING_MAX_BIDS_PER_DAY=1000000 APP_SESSIONS_ACCESSTOKENLIFETIME=3h \
      LOGGING_LEVEL_COM_FAIRTRADEWORKER=info PORT="$1" APP_DATA_DIR="$3" \
      java -jar "$jar" >"$4" 2>&1 &
  started_pid=$!
  for _ in $(seq 1 360); do
    curl -sf "http://127.0.0.1:$1/actuator/health/readiness" >/dev/null 2>&1 && break
    kill -0 "$started_pid" 2>/dev/null || { echo "service exited; see $4"; exit 1; }
    sleep 0.5
  done
  curl -sf "http://127.0.0.1:$1/actuator/health/readiness" >/dev/null || { echo "service not ready; see $4"; exit 1; }
  grep -q "E-mail goes out through the SMTP server 127.0.0.1:$smtp_port" "$4" \
    || { echo "the service does not send through the sink; see $4"; exit 1; }
}
if [ "$mode" = live ]; then
  log "service: $jar on port $port, SMTP 127.0.0.1:$smtp_port, Redis database $redis_db; it serves the API and dispatches"
  start_service "$port" true "$out/service-data" "$out/service.log"
  service_pid=$started_pid
else
  log "service: $jar on port $port (API and listeners, APP_MAIL_SCHEDULED=false) and on port $dispatcher_port (the dispatcher: no requests), SMTP 127.0.0.1:$smtp_port, Redis database $redis_db"
  start_service "$port" false "$out/service-data" "$out/service.log"
  service_pid=$started_pid
  start_service "$dispatcher_port" true "$out/dispatcher-data" "$out/dispatcher.log"
  dispatcher_pid=$started_pid
fi
log "service: ready, pid $service_pid ${dispatcher_pid:+and dispatcher pid $dispatcher_pid}; $(grep -o 'E-mail goes out through the SMTP server [^ ]*' "$out/service.log")"

# --- accounts and jobs -----------------------------------------------------------------------------------------------
api() { # method path token xff [json]: prints the body, fails on a status >= 300
  local args=(-s -w '\n%{http_code}' -X "$1" "$base$2" -H "Content-Type: application/json" -H "X-Forwarded-For: $4")
  [ -n "$3" ] && args+=(-H "Authorization: Bearer $3")
  [ -n "${5:-}" ] && args+=(-d "$5")
  local answer status
  answer=$(curl "${args[@]}")
  status=${answer##*$'\n'}
  [ "$status" -lt 300 ] || { echo "$1 $2: $status ${answer%$'\n'*}" >&2; return 1; }
  printf '%s\n' "${answer%$'\n'*}"
}
run_id=$(date -u +%s)
signup_and_login() { # kind count role tokens-file: sign-ups, then one login each, each from its own address
  local i email
  : >"$4"
  for i in $(seq 1 "$2"); do
    email="notify-$1-$i-$run_id@example.test"
    api POST /api/auth/signup "" "10.91.$3.$i" "{\"email\":\"$email\",\"password\":\"$password\",\"displayName\":\"Notify $1 $i\",\"accountType\":\"$(tr a-z A-Z <<<"$1")\"}" >/dev/null
  done
  sql -c "UPDATE users SET email_verified_at = now() WHERE email LIKE 'notify-$1-%-$run_id@example.test'"
  for i in $(seq 1 "$2"); do
    email="notify-$1-$i-$run_id@example.test"
    echo "$email $(api POST /api/auth/login "" "10.92.$3.$i" "{\"email\":\"$email\",\"password\":\"$password\"}" | jq -r .accessToken)" >>"$4"
  done
}
signup_and_login homeowner "$homeowners" 1 "$out/tokens-homeowners.txt"
signup_and_login contractor "$contractors" 2 "$out/tokens-contractors.txt"
next_year=$(date -u -d '+1 year' +%F)
i=0
while read -r _ token; do
  i=$((i + 1))
  api PUT /api/me/contractor-profile "$token" "10.93.0.$i" "{\"businessName\": \"Notify Repairs $i\",
    \"trades\": [\"plumbing\", \"electrical\"],
    \"serviceArea\": {\"latitude\": 40.7128, \"longitude\": -74.006, \"radiusKm\": 50},
    \"licence\": {\"number\": \"LIC-$i\", \"region\": \"NY\", \"expiresOn\": \"$next_year\"},
    \"insurance\": {\"provider\": \"Acme Mutual\", \"expiresOn\": \"$next_year\"},
    \"bio\": \"Twenty years of pipes.\", \"yearsExperience\": 20}" | jq -e '.complete == true' >/dev/null
done <"$out/tokens-contractors.txt"
sql >"$out/jobs.txt" <<SQL
WITH h AS (
  SELECT id, row_number() OVER (ORDER BY email) - 1 AS n FROM users
  WHERE email::text LIKE 'notify-homeowner-%-$run_id@example.test')
INSERT INTO jobs (id, homeowner_id, title, description, trade, latitude, longitude, address_text, postcode, currency,
                  bidding_deadline, status, published_at, created_at, updated_at)
SELECT gen_random_uuid(), h.id, 'Replace the water heater ' || g, 'The old one leaks; 50 gallon, gas.',
       'plumbing.water_heaters', 40.7128, -74.006, '1 Main Street, Springfield', '10001', 'USD',
       now() + interval '7 days', 'OPEN', now() - interval '1 hour', now(), now()
FROM generate_series(0, $((warmup + events)) - 1) g JOIN h ON h.n = g % $homeowners
RETURNING id;
SQL
[ "$(wc -l <"$out/jobs.txt")" -eq $((warmup + events)) ] || { echo "inserted $(wc -l <"$out/jobs.txt") jobs, not $((warmup + events))"; exit 1; }
# pairs: "contractorToken jobId USD", job n by contractor n mod CONTRACTORS; the first WARMUP_EVENTS for the warm-up
awk 'NR == FNR {t[FNR - 1] = $2; c = FNR; next} {print t[(FNR - 1) % c], $1, "USD"}' \
  "$out/tokens-contractors.txt" "$out/jobs.txt" >"$out/pairs-all.txt"
[ "$(awk '$1 != "null" && $1 != ""' "$out/pairs-all.txt" | wc -l)" -eq $((warmup + events)) ] || { echo "missing contractor tokens"; exit 1; }
head -n "$warmup" "$out/pairs-all.txt" >"$out/pairs-warmup.txt"
tail -n +"$((warmup + 1))" "$out/pairs-all.txt" >"$out/pairs.txt"
rm -f "$out/pairs-all.txt"
log "setup: $homeowners homeowners, $contractors contractors (verified, profiles complete), $((warmup + events)) OPEN jobs ($warmup for the warm-up)"

# The sign-ups' verification mails: wait until all are accepted by the sink, so the measured queue starts empty.
accounts=$((homeowners + contractors))
for _ in $(seq 1 240); do
  pending=$(sql -c "SELECT count(*) FROM notifications WHERE status = 'PENDING'")
  [ "$pending" -eq 0 ] && [ "$(wc -l <"$out/sink.txt")" -ge "$accounts" ] && break
  sleep 0.5
done
[ "$pending" -eq 0 ] || { echo "$pending mails still pending before the measurement"; exit 1; }
record "before: outbox $(sql -c "SELECT string_agg(template || ' ' || status || '=' || n, ', ') FROM (SELECT template, status, count(*) n FROM notifications GROUP BY 1, 2) s"); sink $(wc -l <"$out/sink.txt") mails"

# --- measurement, one benchmark at a time ----------------------------------------------------------------------------
exec 9>>"$lock"
log "lock: waiting for $lock"
flock 9
record "lock: held"
waited=0
above() { awk -v l="$(load1)" -v q="$quiet_load" 'BEGIN {exit !(l > q)}'; }
while above && [ "$waited" -lt "$quiet_wait" ]; do
  log "load above $quiet_load; waiting (${waited}s of at most ${quiet_wait}s)"
  sleep 15; waited=$((waited + 15))
done
above && record "note: 1-minute load still above $quiet_load after ${waited}s: measuring anyway"

hz=$(getconf CLK_TCK)
cpu_ticks() { cat "/proc/$service_pid/stat" ${dispatcher_pid:+"/proc/$dispatcher_pid/stat"} | awk '{t += $14 + $15} END {print t}'; }
bid_mails() { awk '$4 != "-"' "$out/sink.txt" | wc -l; }
drain() { # wait until the sink has N bid mails (at most DRAIN_TIMEOUT s)
  local waited_ds=0
  while [ "$(bid_mails)" -lt "$1" ] && [ "$waited_ds" -lt $((drain_timeout * 10)) ]; do
    kill -0 "$service_pid" 2>/dev/null || { echo "service exited; see $out/service.log"; exit 1; }
    [ -z "$dispatcher_pid" ] || kill -0 "$dispatcher_pid" 2>/dev/null || { echo "dispatcher exited; see $out/dispatcher.log"; exit 1; }
    sleep 0.1; waited_ds=$((waited_ds + 1))
  done
}
if [ "$warmup" -gt 0 ]; then
  record "warm-up (not measured): $(java benchmarks/NotificationLoad.java bids "$base" "$out/pairs-warmup.txt" "$concurrency" "$out/bids-warmup.txt")"
  drain "$(awk '$2 == 201' "$out/bids-warmup.txt" | wc -l)"
  sleep 5
  record "warm-up drained: sink has $(bid_mails) bid mails; outbox $(sql -c "SELECT string_agg(template || ' ' || status || '=' || n, ', ') FROM (SELECT template, status, count(*) n FROM notifications GROUP BY 1, 2) s")"
else
  : >"$out/bids-warmup.txt"
fi
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
cpu0=$(cpu_ticks)
record "measure: load before $load_before; $events bids with $concurrency clients"
if [ "$mode" = held ]; then
  kill -STOP "$dispatcher_pid"
  record "held: dispatcher (pid $dispatcher_pid) stopped with SIGSTOP while the bids go in"
fi
# The API instance's connection pool and listener executor, once a second (/actuator/prometheus), while measuring.
( while kill -0 "$service_pid" 2>/dev/null; do
    echo "$(date -u +%T) $(curl -s -m 2 "$base/actuator/prometheus" | awk '/^(hikaricp_connections_(active|pending)|executor_(active_threads|queued_tasks))\{/ {printf "%s=%s ", $1, $2}')"
    sleep 1; done ) >"$out/pool.txt" &
sampler_pid=$!
record "$(java benchmarks/NotificationLoad.java bids "$base" "$out/pairs.txt" "$concurrency" "$out/bids.txt")"
ok=$(awk '$2 == 201' "$out/bids.txt" | wc -l)
warm_ok=$(awk '$2 == 201' "$out/bids-warmup.txt" | wc -l)
resumed_us=0
if [ "$mode" = held ]; then
  for _ in $(seq 1 1200); do # every listener has queued its mail (at most 120 s)
    queued=$(sql -c "SELECT count(*) FROM notifications WHERE template = 'bidding.bid-received'")
    [ "$queued" -ge $((warm_ok + ok)) ] && break
    sleep 0.1
  done
  record "held: $((queued - warm_ok)) mails queued for $ok bids; resuming the dispatcher (SIGCONT)"
  resumed_us=$(date +%s%6N)
  kill -CONT "$dispatcher_pid"
fi
drain $((warm_ok + ok))
load_drained=$(cut -d' ' -f1-3 /proc/loadavg)
kill "$sampler_pid" 2>/dev/null || true; sampler_pid=
peak() { { grep -oE "$1[^ ]*=[0-9.E]+" "$out/pool.txt" || true; } | sed 's/.*=//' | sort -g | tail -1; }
record "API instance, 1 s samples while measuring: pool active max $(peak 'hikaricp_connections_active\{'), pending max $(peak 'hikaricp_connections_pending\{'); listener executor (applicationTaskExecutor) active max $(peak 'executor_active_threads\{[^ ]*applicationTaskExecutor'), queued max $(peak 'executor_queued_tasks\{[^ ]*applicationTaskExecutor')"
cpu1=$(cpu_ticks)
record "drained: sink has $(bid_mails) bid mails for $warm_ok + $ok bids placed (warm-up + measured); load $load_drained; service CPU $(awk -v t="$((cpu1 - cpu0))" -v h="$hz" 'BEGIN {printf "%.1f", t / h}') s from the first bid to the last acceptance"
sleep "$grace"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
flock -u 9
exec 9>&-
record "after ${grace}s grace: sink has $(bid_mails) bid mails; load $load_after; lock released"

kill "$service_pid"; wait "$service_pid" 2>/dev/null || true; service_pid=
if [ -n "$dispatcher_pid" ]; then kill "$dispatcher_pid"; wait "$dispatcher_pid" 2>/dev/null || true; dispatcher_pid=; fi
kill "$sink_pid"; wait "$sink_pid" 2>/dev/null || true; sink_pid=

# --- analysis --------------------------------------------------------------------------------------------------------
psql "${pg[@]}" -U postgres -d "$db" -v ON_ERROR_STOP=1 -qAt -F ' ' <<SQL | tee -a "$out/results.txt"
CREATE TEMP TABLE sink (accept_us bigint, connect_us bigint, notification text, job text, session int);
\\copy sink FROM '$out/sink.txt' WITH (DELIMITER ' ')
CREATE TEMP TABLE placed (job text, status text, sent_us bigint, answered_us bigint);
\\copy placed FROM '$out/bids.txt' WITH (DELIMITER ' ')
CREATE TEMP TABLE warm (job text, status text, sent_us bigint, answered_us bigint);
\\copy warm FROM '$out/bids-warmup.txt' WITH (DELIMITER ' ')
SELECT 'check, warm-up and measured together: sink mails with a job link ' || count(*) || ', distinct jobs '
    || count(DISTINCT job) || ', distinct outbox rows ' || count(DISTINCT notification)
    || ', bids placed (201) ' || (SELECT count(*) FROM placed WHERE status = '201') + (SELECT count(*) FROM warm WHERE status = '201')
    || ', mails for a job without a placed bid ' || count(*) FILTER (WHERE job NOT IN (SELECT job FROM placed WHERE status = '201'
                                                                               UNION ALL SELECT job FROM warm WHERE status = '201'))
    || ', account mails (no job link) ' || (SELECT count(*) FROM sink WHERE job = '-')
FROM sink WHERE job <> '-';
CREATE TEMP TABLE m AS
SELECT b.id AS bid, b.job_id, s.notification, s.accept_us, s.connect_us, s.session, n.template, n.status, n.attempts,
       n.dedupe_key = 'bidding.bid-received:' || b.id || ':' || n.user_id || ':EMAIL' AS key_matches,
       (extract(epoch FROM p.publication_date) * 1e6)::bigint AS published_us,
       (extract(epoch FROM n.created_at) * 1e6)::bigint AS queued_us,
       (extract(epoch FROM n.sent_at) * 1e6)::bigint AS marked_sent_us,
       pl.answered_us
FROM sink s
LEFT JOIN notifications n ON n.id::text = s.notification
LEFT JOIN bids b ON b.job_id::text = s.job
LEFT JOIN event_publication p ON p.listener_id LIKE '%BiddingNotifications%'
     AND p.event_type LIKE '%BidSubmitted' AND (p.serialized_event::jsonb ->> 'bid') = b.id::text
LEFT JOIN placed pl ON pl.job = s.job AND pl.status = '201'
WHERE s.job IN (SELECT job FROM placed WHERE status = '201');
SELECT 'check, measured: sink mails ' || count(*) || ', distinct jobs ' || count(DISTINCT job_id)
    || ', distinct outbox rows ' || count(DISTINCT notification)
    || ', jobs mailed more than once ' || (SELECT count(*) FROM (SELECT job_id FROM m GROUP BY job_id HAVING count(*) > 1) d)
    || ', bids placed (201) ' || (SELECT count(*) FROM placed WHERE status = '201')
    || ', bids without a mail ' || (SELECT count(*) FROM placed pl WHERE pl.status = '201'
                                      AND NOT EXISTS (SELECT 1 FROM sink s WHERE s.job = pl.job))
    || ', without an event publication ' || count(*) FILTER (WHERE published_us IS NULL)
    || ', template ' || string_agg(DISTINCT coalesce(template, 'none'), ',')
    || ', link matches the dedupe key''s bid ' || count(*) FILTER (WHERE key_matches)
    || ', outbox rows SENT ' || count(*) FILTER (WHERE status = 'SENT')
    || ', sent on attempt 1 ' || count(*) FILTER (WHERE attempts = 1)
FROM m;
SELECT 'check: outbox rows bidding.bid-received ' || count(*) || ' (' || string_agg(DISTINCT status, ',') || '), FAILED or PENDING mails of any template '
    || (SELECT count(*) FROM notifications WHERE status <> 'SENT')
    || ', BidSubmitted publications for BiddingNotifications ' || (SELECT count(*) FROM event_publication
         WHERE listener_id LIKE '%BiddingNotifications%' AND event_type LIKE '%BidSubmitted')
    || ' (incomplete ' || (SELECT count(*) FROM event_publication WHERE completion_date IS NULL) || ')'
FROM notifications WHERE template = 'bidding.bid-received';
CREATE TEMP VIEW d AS SELECT (accept_us - published_us) / 1000.0 AS lag, (accept_us - answered_us) / 1000.0 AS lag201,
       (queued_us - published_us) / 1000.0 AS listener, (accept_us - queued_us) / 1000.0 AS outbox,
       (accept_us - connect_us) / 1000.0 AS session, (marked_sent_us - accept_us) / 1000.0 AS marked,
       CASE WHEN $resumed_us > 0 THEN (accept_us - $resumed_us) / 1000.0 END AS from_resume
FROM m WHERE published_us IS NOT NULL;
CREATE TEMP VIEW pct AS
SELECT 'lag from event (publication_date) to SMTP acceptance' AS what, count(*) AS n,
       percentile_disc(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY lag) AS p, max(lag) AS mx, min(lag) AS mn FROM d
UNION ALL SELECT 'lag from the 201 (after commit) to SMTP acceptance', count(lag201),
       percentile_disc(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY lag201), max(lag201), min(lag201) FROM d
UNION ALL SELECT 'held mode only: lag from the dispatcher''s resumption (SIGCONT) to SMTP acceptance', count(*),
       percentile_disc(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY from_resume), max(from_resume), min(from_resume)
       FROM d WHERE from_resume IS NOT NULL
UNION ALL SELECT 'listener: event to outbox row', count(*),
       percentile_disc(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY listener), max(listener), min(listener) FROM d
UNION ALL SELECT 'outbox: row to SMTP acceptance', count(*),
       percentile_disc(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY outbox), max(outbox), min(outbox) FROM d
UNION ALL SELECT 'SMTP session: connect to acceptance', count(*),
       percentile_disc(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY session), max(session), min(session) FROM d
UNION ALL SELECT 'acceptance to sent_at recorded', count(*),
       percentile_disc(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY marked), max(marked), min(marked) FROM d;
SELECT format('%s: n=%s p50=%s p95=%s p99=%s max=%s min=%s ms', what, n, round(p[1], 1), round(p[2], 1), round(p[3], 1),
       round(mx, 1), round(mn, 1)) FROM pct WHERE n > 0;
WITH gaps AS (SELECT (accept_us - lag(accept_us) OVER (ORDER BY accept_us)) / 1000.0 AS gap FROM m)
SELECT format('gap between consecutive acceptances: p50=%s p95=%s p99=%s max=%s ms; pauses >= 0.9 s: %s (%s s in all)',
       round(percentile_disc(0.5) WITHIN GROUP (ORDER BY gap), 2), round(percentile_disc(0.95) WITHIN GROUP (ORDER BY gap), 2),
       round(percentile_disc(0.99) WITHIN GROUP (ORDER BY gap), 2), round(max(gap), 1),
       count(*) FILTER (WHERE gap >= 900), round(coalesce(sum(gap) FILTER (WHERE gap >= 900), 0) / 1000, 2))
FROM gaps WHERE gap IS NOT NULL;
SELECT format('events published over %s s (first %s, last %s UTC); first acceptance %s s after the first event, last %s s after it',
       round((max(published_us) - min(published_us)) / 1e6, 2),
       to_char(to_timestamp(min(published_us) / 1e6) AT TIME ZONE 'UTC', 'HH24:MI:SS.MS'),
       to_char(to_timestamp(max(published_us) / 1e6) AT TIME ZONE 'UTC', 'HH24:MI:SS.MS'),
       round((min(accept_us) - min(published_us)) / 1e6, 2), round((max(accept_us) - min(published_us)) / 1e6, 2))
FROM m;
SELECT format('held mode only: resumed %s UTC, %s mails accepted from then to the last acceptance in %s s = %s mails/s',
       to_char(to_timestamp($resumed_us / 1e6) AT TIME ZONE 'UTC', 'HH24:MI:SS.MS'), count(*),
       round((max(accept_us) - $resumed_us) / 1e6, 2), round(count(*) / ((max(accept_us) - $resumed_us) / 1e6), 1))
FROM m WHERE $resumed_us > 0 HAVING count(*) > 0;
SELECT format('drain: %s mails, total drain (first event to last acceptance) %s s = %s mails/s; first to last acceptance %s s = %s mails/s; after the last event %s s',
       count(*), round((max(accept_us) - min(published_us)) / 1e6, 2),
       round(count(*) / ((max(accept_us) - min(published_us)) / 1e6), 1),
       round((max(accept_us) - min(accept_us)) / 1e6, 2),
       round((count(*) - 1) / nullif((max(accept_us) - min(accept_us)) / 1e6, 0), 1),
       round((max(accept_us) - max(published_us)) / 1e6, 2))
FROM m;
SELECT format('acceptances while the events were published (%s s): %s = %s mails/s; after the last event: %s in %s s = %s mails/s',
       round((l - f) / 1e6, 2), during, round(during / nullif((l - f) / 1e6, 0), 1), after, round((mx - l) / 1e6, 2),
       round(after / nullif((mx - l) / 1e6, 0), 1))
FROM (SELECT min(published_us) AS f, max(published_us) AS l, max(accept_us) AS mx,
             count(*) FILTER (WHERE accept_us <= (SELECT max(published_us) FROM m)) AS during,
             count(*) FILTER (WHERE accept_us > (SELECT max(published_us) FROM m)) AS after FROM m) x;
WITH e AS (SELECT queued_us AS t, 1 AS d FROM m UNION ALL SELECT accept_us, -1 FROM m),
     depth AS (SELECT t, sum(d) OVER (ORDER BY t, d ROWS UNBOUNDED PRECEDING) AS n FROM e),
     l AS (SELECT published_us AS t, 1 AS d FROM m UNION ALL SELECT queued_us, -1 FROM m),
     backlog AS (SELECT t, sum(d) OVER (ORDER BY t, d ROWS UNBOUNDED PRECEDING) AS n FROM l)
SELECT format('peak outbox depth (queued, not yet accepted) %s at %s UTC; peak listener backlog (published, not yet queued) %s',
       (SELECT max(n) FROM depth),
       (SELECT to_char(to_timestamp(t / 1e6) AT TIME ZONE 'UTC', 'HH24:MI:SS.MS') FROM depth ORDER BY n DESC, t LIMIT 1),
       (SELECT max(n) FROM backlog));
SQL
record "load average (1, 5, 15 min): before $load_before; when drained $load_drained; after the grace $load_after"
log "results in $out/results.txt"
