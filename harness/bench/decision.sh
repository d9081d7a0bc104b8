#!/usr/bin/env bash
# The router's decision core alone (JMH, one JVM, no Kafka or MongoDB): BENCH decision ... and BENCH decision_cpu ...
# Usage: harness/bench.sh decision
# RouterBenchmark (queue-service's tests): one tenant of 5,000 agents in 500 queues of every automatic type, 1,000 of
# them talking; `callArrives` is one caller's arrival and the offers it causes, `tick` a tick with nothing due,
# `snapshotWrite` / `snapshotRead` the partition's snapshot of that tenant written and read back (JMH
# SampleTime, 1 fork, 3 x 2 s warm-up, 5 x 3 s measured). RouterDecisionCpuTime times the same arrivals by the
# thread's CPU time beside the wall clock (20,000 after 20,000 warm-up): what a decision costs without the scheduler.
source "$(dirname "$0")/lib.sh"
[ $# -eq 0 ] || { echo "harness/bench.sh decision takes no options" >&2; exit 2; }
classpath_file=queue-service/target/test-classpath.txt
if [ "${BENCH_SKIP_BUILD:-0}" = 1 ] && [ -f "$classpath_file" ]; then
  bench_log "reusing the earlier build (BENCH_SKIP_BUILD=1)"
else
  bench_log "building queue-service and its tests"
  ./mvnw -q -B -o -DskipTests -Dpit.skip -pl queue-service -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test >"$BENCH_DIR/logs/build.log" 2>&1 \
    || { tail -40 "$BENCH_DIR/logs/build.log" >&2; exit 1; }
fi
classpath="queue-service/target/test-classes:queue-service/target/classes:$(cat "$classpath_file")"
bench_log "JMH RouterBenchmark (about 1 minute)"
java -cp "$classpath" org.openjdk.jmh.Main RouterBenchmark -rf csv -rff "$BENCH_DIR/jmh.csv" \
  >"$BENCH_DIR/logs/jmh.log" 2>&1 || { tail -40 "$BENCH_DIR/logs/jmh.log" >&2; exit 1; }
bench_log "RouterDecisionCpuTime"
java -cp "$classpath" io.ccagent.queue.routing.RouterDecisionCpuTime >"$BENCH_DIR/logs/cpu.log" 2>&1 \
  || { tail -40 "$BENCH_DIR/logs/cpu.log" >&2; exit 1; }
sed -n '/^Benchmark/,$p' "$BENCH_DIR/logs/jmh.log" >&2
grep -v '^BENCH ' "$BENCH_DIR/logs/cpu.log" >&2 || true
# JMH's CSV: one row per percentile, named "...RouterBenchmark.callArrives:p0.50" (older JMH: "...:callArrives·p0.50")
python3 - "$BENCH_DIR/jmh.csv" <<'PY'
import csv, re, sys
rows = {}
for row in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    match = re.search(r"\.(\w+):(?:\w+\W)?p(0\.\d+|1\.0)$", row["Benchmark"])
    if match:
        rows.setdefault(match.group(1), {})[match.group(2)] = float(row["Score"])
for name, quantiles in sorted(rows.items()):
    print("BENCH decision benchmark=%s p50_us=%.2f p99_us=%.2f p999_us=%.2f" % (
        name, quantiles["0.50"], quantiles["0.99"], quantiles["0.999"]))
PY
grep '^BENCH ' "$BENCH_DIR/logs/cpu.log"
