#!/usr/bin/env bash
# Status change in the portal -> every live stream of the tenant (whole local runtime): BENCH push streams=... p99_ms=...
# Usage: harness/bench.sh push [--streams 1000] [--changes 100] [--warm-up 0]
# Starts the whole local runtime in its own process (ports shifted by 6000), opens N live streams of one supervisor (they
# see the whole tenant) from another JVM, then changes an agent's status M times through the portal API and measures,
# per stream, POST -> the StatusChanged event read from the stream; --warm-up W changes first are not measured.
source "$(dirname "$0")/lib.sh"
streams=1000
changes=100
warm_up=0
while [ $# -gt 0 ]; do
  case $1 in
    --streams) streams=$2; shift 2 ;;
    --changes) changes=$2; shift 2 ;;
    --warm-up) warm_up=$2; shift 2 ;;
    *) echo "unknown option $1 (known: --streams N, --changes N, --warm-up N)" >&2; exit 2 ;;
  esac
done
bench_build agent-service,queue-service,stats-service,telephony-gateway,portal-bff
# the local runtime in a process of its own, as a user runs it (broker, store and the services' JVMs); this script's
# JVM holds only the streams' client, so the client's garbage collections never pause the broker or the store
offset=6000
bench_spawn "$BENCH_DIR/logs/runtime.log" java -jar "$BENCH_ROOT/deploy/local/target/local-runtime-exec.jar" \
  --data-dir "$BENCH_DIR/data" --port-offset "$offset"
bench_wait_for_line "$BENCH_DIR/logs/runtime.log" "services are UP" 600
bench_log "$streams streams, $changes status changes; logs and report in $BENCH_DIR"
java -Xmx1g -cp "$(bench_harness_cp)" io.ccagent.harness.push.PushBench --repo="$BENCH_ROOT" --out="$BENCH_DIR" \
  --portal="http://127.0.0.1:$((8080 + offset))" --streams="$streams" --changes="$changes" --warm-up="$warm_up" \
  >"$BENCH_DIR/logs/push.log" 2>&1 || { tail -40 "$BENCH_DIR/logs/push.log" >&2; exit 1; }
grep -v '^BENCH ' "$BENCH_DIR/push-report.txt" >&2 || true
grep '^BENCH ' "$BENCH_DIR/logs/push.log"
