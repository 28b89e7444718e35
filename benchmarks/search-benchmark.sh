#!/usr/bin/env bash
# Job search at size (issue 5), on the generated data set: in the database (EXPLAIN (ANALYZE, BUFFERS) of the
# statements JobSearch itself builds, see JobSearchBenchmark) and through HTTP (GET /api/jobs from the packaged jar,
# open workload model, benchmarks/SearchLoad.java), with pgbench select-only and tpcb-like interleaved in the same
# session for the ratio.
#
#   benchmarks/generate-data.sh          # once: database ftw_bench_data (see there)
#   benchmarks/search-benchmark.sh       # then this; about 25 minutes with the defaults
#
# SAMPLES (200) searches per shape in the database; RATE (10/s) and SECONDS_PER_RUN (20) per HTTP run; REPEAT (3)
# rounds, each: pgbench -S, pgbench tpcb-like, every shape at RATE, then the mixed shapes closed-loop with CONCURRENCY
# (4, as pgbench's -c) for the capacity; the medians of the rounds are printed at the end. PORT (39xx), FTW_BUILD_DIR
# (target), OUT (FTW_BUILD_DIR/search-benchmark) for the logs and the request paths. Loopback only; the service uses
# Redis database 10 (flushed at the end) and scratch database ftw_bench_pgbench (dropped at the end).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${FTW_BUILD_DIR:-target}
case "$build" in /*) build_abs=$build ;; *) build_abs=$PWD/$build ;; esac
samples=${SAMPLES:-200}
rate=${RATE:-10}
seconds=${SECONDS_PER_RUN:-20}
repeat=${REPEAT:-3}
concurrency=${CONCURRENCY:-4}
port=${PORT:-39$((RANDOM % 90 + 10))}
out=${OUT:-$build/search-benchmark}
pg=(-h 127.0.0.1 -p 5432)
mkdir -p "$out"
log() { echo "[$(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)] $*"; }

log "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB; $(psql "${pg[@]}" -U postgres -Atc 'SELECT version()' | cut -d, -f1)"
./mvnw -q -B -Dftw.build.dir="$build" -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile="$build_abs/benchmark-classpath.txt" >/dev/null
cp="$build/test-classes:$build/classes:$(cat "$build/benchmark-classpath.txt")"

log "database: JobSearchBenchmark, $samples searches per shape"
java -cp "$cp" com.fairtradeworker.jobs.JobSearchBenchmark \
  postgresql://ftw_bench_data_app@127.0.0.1:5432/ftw_bench_data "$samples" 7 "$out/urls" | tee "$out/database.txt"

shapes=(distance trade text text-typo text-relevance newest deadline page2-distance page2-newest)
paste -d '\n' $(printf "$out/urls/%s.txt " "${shapes[@]}") | grep -v '^$' > "$out/urls/mixed.txt"

log "pgbench: scratch database ftw_bench_pgbench, scale 10"
psql "${pg[@]}" -U postgres -q -c 'DROP DATABASE IF EXISTS ftw_bench_pgbench WITH (FORCE)' -c 'CREATE DATABASE ftw_bench_pgbench'
pgbench "${pg[@]}" -U postgres -i -s 10 -q ftw_bench_pgbench 2>&1 | tail -1

service_pid=
cleanup() {
  if [ -n "$service_pid" ] && kill -0 "$service_pid" 2>/dev/null; then kill "$service_pid"; wait "$service_pid" 2>/dev/null || true; fi
  redis-cli -h 127.0.0.1 -p 6379 -n 10 FLUSHDB >/dev/null || true
  psql "${pg[@]}" -U postgres -q -c 'DROP DATABASE IF EXISTS ftw_bench_pgbench WITH (FORCE)' || true
}
trap cleanup EXIT

jar=$(ls "$build"/fairtradeworker-*.jar | head -1)
log "service: $jar on port $port (pool ${DATABASE_POOL_SIZE:-10} connections)"
env DATABASE_URL=postgresql://ftw_bench_data_app@127.0.0.1:5432/ftw_bench_data \
    DATABASE_MIGRATION_URL=postgresql://ftw_bench_data_owner@127.0.0.1:5432/ftw_bench_data \
    REDIS_URL=redis://127.0.0.1:6379/10 APP_ENV=development API_RATE_LIMIT_CAPACITY=100000000 \
    TRUSTED_PROXIES=127.0.0.1 PORT="$port" APP_DATA_DIR="$out/service-data" \
    java -jar "$jar" >"$out/service.log" 2>&1 &
service_pid=$!
for _ in $(seq 1 240); do
  curl -sf "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null 2>&1 && break
  kill -0 "$service_pid" 2>/dev/null || { echo "service exited; see $out/service.log"; exit 1; }
  sleep 0.5
done
base="http://127.0.0.1:$port"

log "warm-up: mixed shapes, 60 s at $rate/s, then 20 s closed-loop (not measured)"
java benchmarks/SearchLoad.java open "$base" "$out/urls/mixed.txt" "$rate" 60 >/dev/null
java benchmarks/SearchLoad.java closed "$base" "$out/urls/mixed.txt" "$concurrency" 20 >/dev/null

: >"$out/http.txt"
for round in $(seq 1 "$repeat"); do
  log "round $round/$repeat"
  sel=$(pgbench "${pg[@]}" -U postgres -n -S -c "$concurrency" -j 2 -T 15 ftw_bench_pgbench 2>/dev/null | awk '/^tps/ {print $3}')
  tpcb=$(pgbench "${pg[@]}" -U postgres -n -c "$concurrency" -j 2 -T 15 ftw_bench_pgbench 2>/dev/null | awk '/^tps/ {print $3}')
  echo "round=$round pgbench-select-only tps=$sel" | tee -a "$out/http.txt"
  echo "round=$round pgbench-tpcb-like tps=$tpcb" | tee -a "$out/http.txt"
  for shape in "${shapes[@]}" mixed; do
    line=$(java benchmarks/SearchLoad.java open "$base" "$out/urls/$shape.txt" "$rate" "$seconds")
    echo "round=$round load=$(cut -d' ' -f1 /proc/loadavg) $line" | tee -a "$out/http.txt"
  done
  line=$(java benchmarks/SearchLoad.java closed "$base" "$out/urls/mixed.txt" "$concurrency" "$seconds")
  echo "round=$round load=$(cut -d' ' -f1 /proc/loadavg) $line" | tee -a "$out/http.txt"
done

log "medians of $repeat rounds"
python3 - "$out/http.txt" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    key = None
    m = re.search(r'(pgbench-[a-z-]+) tps=([\d.]+)', line)
    if m:
        rows.setdefault(m.group(1), []).append({'tps': float(m.group(2))})
        continue
    m = re.search(r'(open|closed) \S+ paths=(\S+)\.txt', line)
    if not m:
        continue
    key = m.group(1) + ' ' + m.group(2)
    values = dict((k, float(v)) for k, v in re.findall(r'(throughput|p50|p95|p99|p99\.9|max)=([\d.]+)', line))
    values['errors%'] = float(re.search(r'errors=\d+ \(([\d.]+)%', line).group(1))
    values['load'] = float(re.search(r'load=([\d.]+)', line).group(1))
    rows.setdefault(key, []).append(values)
cols = ['throughput', 'p50', 'p95', 'p99', 'p99.9', 'max', 'errors%', 'load']
print('%-22s %s' % ('run', ' '.join('%10s' % c for c in cols)))
for key, runs in rows.items():
    if 'tps' in runs[0]:
        print('%-22s %10.0f tps (median of %d)' % (key, statistics.median(r['tps'] for r in runs), len(runs)))
    else:
        print('%-22s %s' % (key, ' '.join('%10.1f' % statistics.median(r[c] for r in runs) for c in cols)))
PY
