#!/usr/bin/env bash
# Accounts and sessions (issue 3): sign-in throughput and latency through HTTP, and the cost of the per-request session
# check, from the packaged jar on a scratch database of its own.
#
#   benchmarks/login-benchmark.sh        # about 20 minutes with the defaults; nothing to prepare
#
# 1. Scratch database DB (ftw_bench_login) with roles DB_owner / DB_app, created as .ci/run does (dropped first if
#    left over, and at the end); the service migrates it on start. ACCOUNTS (300) verified homeowners
#    login1..N@bench-login.fairtradeworker.test are inserted with SQL, all sharing one Argon2id hash (the service's
#    PasswordHasher, default parameters) of the benchmark password bench-data-Password-2024.
# 2. Sign-in: POST /api/auth/login through benchmarks/LoginLoad.java, open model at each of RATES ("10 30 50") per
#    second for SECONDS_PER_RUN (20), then closed loop with CONCURRENCY (4) clients for the capacity; REPEAT (3) rounds
#    after WARMUP_SECONDS (20) at the first rate (not measured). Requests go round robin over the accounts and every
#    request has its own X-Forwarded-For (TRUSTED_PROXIES=127.0.0.1), never reused in the whole script, so no IP
#    makes more than one attempt; LoginLoad refuses to give any account more than 9 attempts in a run, and the
#    script deletes the login attempt counters (Redis keys ftw:rl:attempt:login:*) before every run. So neither
#    10-per-15-minutes limit answers a 429: what is measured is the sign-in itself.
# 3. Session check: every account signs in once more (tokens kept in OUT, mode 600, deleted at the end), then, in
#    REPEAT rounds: GET /api/trades (public, answered from memory) with every other request carrying a bearer token
#    (LoginLoad's A/B mode: same handler, so the difference between the two halves is the JWT verification and the
#    Redis session check, measured at the same moments of a shared machine), and GET /api/me (signed in, one database
#    read); each open model at GET_RATE (100) per second and closed loop with one client, SECONDS_PER_RUN each.
# 4. The service is stopped and SessionCheckBenchmark (test classpath) times SessionStore.isActive and the JwtDecoder
#    in one JVM against the same Redis database: CHECK_CALLS (20000) calls after 5000 warm-up.
#
# Before each run the script waits (at most 90 s) until the service is idle, so the backlog of an overloaded run does
# not spill into the next one. Every run prints the 1-minute load average, the service's CPU time per successful
# request (utime + stime of its process from /proc over the run, divided by the run's 200s; under overload, work for
# requests that time out counts too) and its resident memory at the end of the run.
# PORT (39xx), REDIS_DB (12, flushed before and at the end; the bid benchmark uses 11, the search benchmark 10, CI 7),
# FTW_BUILD_DIR (target; e.g. target-login/target next to another build), OUT (FTW_BUILD_DIR/login-benchmark).
# Loopback only; every loop is bounded. The service runs with APP_ENV=development (as the other benchmarks) and
# application log level info (development's default is debug). Results: OUT/results.txt (one line per run),
# OUT/session-check.txt, and the medians of the rounds at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
db=${DB:-ftw_bench_login}
accounts=${ACCOUNTS:-300}
read -r -a rates <<<"${RATES:-10 30 50}"
seconds=${SECONDS_PER_RUN:-20}
warmup=${WARMUP_SECONDS:-20}
repeat=${REPEAT:-3}
concurrency=${CONCURRENCY:-4}
get_rate=${GET_RATE:-100}
check_calls=${CHECK_CALLS:-20000}
port=${PORT:-39$((RANDOM % 90 + 10))}
redis_db=${REDIS_DB:-12}
build=${FTW_BUILD_DIR:-target}
case "$build" in /*) build_abs=$build ;; *) build_abs=$PWD/$build ;; esac
out=${OUT:-$build/login-benchmark}
pg=(-h 127.0.0.1 -p 5432)
export PGOPTIONS='-c client_min_messages=warning'
base="http://127.0.0.1:$port"
password=bench-data-Password-2024
case "$db" in ftw_bench_data | ftw_ci | postgres | template*) echo "refusing to use database $db"; exit 2 ;; esac
case "$redis_db" in 7 | 10) echo "Redis database $redis_db belongs to CI / the search benchmark"; exit 2 ;; esac
# Access tokens live 15 minutes: the session-check phase must end well before the tokens it signed in with expire.
[ $(( (repeat + 1) * 2 * 2 * seconds )) -le 600 ] || { echo "session phase too long for 15-minute tokens"; exit 2; }
mkdir -p "$out"
: >"$out/results.txt"
log() { echo "[$(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)] $*"; }
record() { log "$*"; echo "$(date -u +%FT%TZ) $*" >>"$out/results.txt"; }
psql_admin() { psql "${pg[@]}" -U postgres -v ON_ERROR_STOP=1 -q "$@"; }

service_pid=
cleanup() {
  if [ -n "$service_pid" ] && kill -0 "$service_pid" 2>/dev/null; then kill "$service_pid"; wait "$service_pid" 2>/dev/null || true; fi
  rm -f "$out/tokens.txt"
  redis-cli -h 127.0.0.1 -p 6379 -n "$redis_db" FLUSHDB >/dev/null || true
  psql "${pg[@]}" -U postgres -q -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "DROP ROLE IF EXISTS ${db}_app" \
    -c "DROP ROLE IF EXISTS ${db}_owner" || true
}
trap cleanup EXIT

log "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB; $(psql "${pg[@]}" -U postgres -Atc 'SELECT version()' | cut -d, -f1); $(java -version 2>&1 | head -1)"
./mvnw -q -B -Dftw.build.dir="$build" -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile="$build_abs/benchmark-classpath.txt" >/dev/null
cp="$build/test-classes:$build/classes:$(cat "$build/benchmark-classpath.txt")"

log "database: $db with roles ${db}_owner (schema owner) and ${db}_app (runtime); Redis database $redis_db"
psql_admin -d postgres <<SQL
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
for ext in pg_trgm cube earthdistance citext pgcrypto ltree; do
  psql_admin -d "$db" -c "CREATE EXTENSION IF NOT EXISTS $ext" >/dev/null
done
redis-cli -h 127.0.0.1 -p 6379 -n "$redis_db" FLUSHDB >/dev/null

jar=$(ls "$build"/fairtradeworker-*.jar | head -1)
log "service: $jar on port $port"
env DATABASE_URL="postgresql://${db}_app@127.0.0.1:5432/$db" \
    DATABASE_MIGRATION_URL="postgresql://${db}_owner@127.0.0.1:5432/$db" \
    REDIS_URL="redis://127.0.0.1:6379/$redis_db" RATE_LIMIT_KEY_PREFIX=ftw:rl: APP_ENV=development \
    LOGGING_LEVEL_COM_FAIRTRADEWORKER=info TRUSTED_PROXIES=127.0.0.1 API_RATE_LIMIT_CAPACITY=100000000 \
    PORT="$port" APP_DATA_DIR="$out/service-data" java -jar "$jar" >"$out/service.log" 2>&1 &
service_pid=$!
for _ in $(seq 1 240); do
  curl -sf "$base/actuator/health/readiness" >/dev/null 2>&1 && break
  kill -0 "$service_pid" 2>/dev/null || { echo "service exited; see $out/service.log"; exit 1; }
  sleep 0.5
done
curl -sf "$base/actuator/health/readiness" >/dev/null || { echo "service not ready; see $out/service.log"; exit 1; }

log "accounts: $accounts verified homeowners sharing one Argon2id hash"
cat >"$out/Hash.java" <<'JAVA'
class Hash {
    public static void main(String[] a) {
        var hasher = new com.fairtradeworker.identity.password.PasswordHasher(
                com.fairtradeworker.identity.password.Argon2Settings.DEFAULTS);
        System.out.println(hasher.hash(a[0]));
    }
}
JAVA
hash=$(java -cp "$cp" "$out/Hash.java" "$password" | grep '^\$argon2id\$')
rm -f "$out/Hash.java"
psql_admin -d "$db" -v hash="$hash" <<SQL
INSERT INTO users (email, password_hash, display_name, role, email_verified_at)
SELECT 'login' || n || '@bench-login.fairtradeworker.test', :'hash', 'Login Bench ' || n, 'HOMEOWNER', now()
FROM generate_series(1, $accounts) AS n;
SQL
psql "${pg[@]}" -U postgres -d "$db" -Atc \
  "SELECT email FROM users WHERE email LIKE '%@bench-login.fairtradeworker.test' ORDER BY split_part(email, '@', 1)" \
  >"$out/accounts.txt"
[ "$(wc -l <"$out/accounts.txt")" -eq "$accounts" ] || { echo "expected $accounts accounts"; exit 1; }

hz=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$service_pid/stat"; }
reset_attempts() {
  redis-cli -h 127.0.0.1 -p 6379 -n "$redis_db" --scan --pattern 'ftw:rl:attempt:login:*' \
    | xargs -r -n 500 redis-cli -h 127.0.0.1 -p 6379 -n "$redis_db" DEL >/dev/null
}
next_ip=0 # each login run starts past every X-Forwarded-For address used before
settle() { # waits (at most 90 s) until the service uses under 20% of a core, so no backlog of an overloaded run remains
  local t0 t1
  for _ in $(seq 1 90); do
    t0=$(cpu_ticks); sleep 1; t1=$(cpu_ticks)
    [ $((t1 - t0)) -lt $((hz / 5)) ] && return 0
  done
  log "service still busy after 90 s"
}
measure() { # label, then LoginLoad's arguments
  local label=$1 before after result ok
  shift
  settle
  before=$(cpu_ticks)
  result=$(java benchmarks/LoginLoad.java "$@")
  after=$(cpu_ticks)
  ok=$(sed -E 's/.* status=\{([^}]*)\}.*/\1/' <<<"$result" | tr ',' '\n' | awk -F= '$1 ~ /^ *200$/ {print $2}')
  record "$label load=$(cut -d' ' -f1 /proc/loadavg) cpu_ms_per_ok=$(awk -v t=$((after - before)) -v r="${ok:-0}" \
    -v hz="$hz" 'BEGIN {printf "%.2f", r ? 1000 * t / hz / r : 0}') rss_mb=$(awk '/VmRSS/ {print int($2 / 1024)}' \
    "/proc/$service_pid/status") $result"
}
login_run() { # label open|closed rate|concurrency seconds
  reset_attempts
  measure "$1" login "$base" "$out/accounts.txt" "$2" "$3" "$4" "$next_ip"
  next_ip=$((next_ip + accounts * 9))
}

log "sign-in warm-up: $warmup s at ${rates[0]}/s (not measured)"
login_run warm-up open "${rates[0]}" "$warmup"
for round in $(seq 1 "$repeat"); do
  for r in "${rates[@]}"; do login_run "round=$round login" open "$r" "$seconds"; done
  login_run "round=$round login" closed "$concurrency" "$seconds"
done

log "session check: every account signs in once more for its access token"
reset_attempts
record "tokens: $(TOKENS_OUT="$out/tokens.txt" java benchmarks/LoginLoad.java login "$base" "$out/accounts.txt" \
  open 20 "$(awk -v n="$accounts" 'BEGIN {print n / 20}')" "$next_ip")"
# A sign-in may fail when the box is overloaded (503 when the attempt counters' Redis call times out after 1 s):
# the GET runs then go round robin over the tokens there are, if at least 90% of the accounts have one.
tokens_count=$(wc -l <"$out/tokens.txt")
record "session check: $tokens_count access tokens of $accounts accounts"
[ "$tokens_count" -ge $((accounts * 9 / 10)) ] || { echo "too few tokens"; exit 1; }
routes=("/api/trades ab:$out/tokens.txt" "/api/me $out/tokens.txt")
log "session check warm-up: each route $seconds s at $get_rate/s (not measured)"
for route in "${routes[@]}"; do
  read -r path tokens <<<"$route"
  java benchmarks/LoginLoad.java get "$base" "$path" "$tokens" open "$get_rate" "$seconds" >/dev/null
done
for round in $(seq 1 "$repeat"); do
  for route in "${routes[@]}"; do
    read -r path tokens <<<"$route"
    measure "round=$round get" get "$base" "$path" "$tokens" open "$get_rate" "$seconds"
    measure "round=$round get" get "$base" "$path" "$tokens" closed 1 "$seconds"
  done
done
rm -f "$out/tokens.txt"

log "stopping the service for the in-JVM session check"
kill "$service_pid"; wait "$service_pid" 2>/dev/null || true
service_pid=
java -cp "$cp" com.fairtradeworker.identity.session.SessionCheckBenchmark \
  "redis://127.0.0.1:6379/$redis_db" "$check_calls" 5000 2>/dev/null | tee "$out/session-check.txt"
echo "load=$(cut -d' ' -f1 /proc/loadavg)" >>"$out/session-check.txt"

log "medians of $repeat rounds"
python3 - "$out/results.txt" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    m = re.search(r'round=\d+ (?:login|get) load=([\d.]+) cpu_ms_per_ok=([\d.]+) rss_mb=(\d+) '
                  r'(open|closed) (rate|concurrency)=(\S+) (login|get)( path=\S+ auth=\S+)?', line)
    if not m:
        continue
    key = '%s %s=%s %s%s' % (m.group(4), m.group(5), m.group(6), m.group(7), m.group(8) or '')
    common = dict((k, float(v)) for k, v in re.findall(r'\b(throughput|ok)=([\d.]+)', line))
    common['errors%'] = float(re.search(r'errors=\d+ \(([\d.]+)%', line).group(1))
    common['cpu ms/ok'] = float(m.group(2))
    common['rss MiB'] = float(m.group(3))
    common['load'] = float(m.group(1))
    # One latency group, or for A/B runs "none(n): p50=... ms; bearer(n): p50=... ms".
    for part in line.split(' status=')[1].split('; '):
        g = re.match(r'(?:\{[^}]*\} )?(?:(\w+)\(\d+\): )?', part)
        values = dict(common)
        values.update((k, float(v)) for k, v in re.findall(r'\b(p50|p95|p99|p99\.9|max)=([\d.]+)', part))
        rows.setdefault(key + (' [%s]' % g.group(1) if g and g.group(1) else ''), []).append(values)
cols = ['throughput', 'ok', 'p50', 'p95', 'p99', 'p99.9', 'max', 'errors%', 'cpu ms/ok', 'rss MiB', 'load']
print('%-56s %s' % ('run (median of rounds)', ' '.join('%10s' % c for c in cols)))
for key, runs in rows.items():
    print('%-56s %s' % (key, ' '.join(('%10.2f' if c == 'p50' else '%10.1f') % statistics.median(r[c] for r in runs)
                                      for c in cols)))
PY
