#!/usr/bin/env bash
# Status change in the portal -> every live stream of the tenant (whole local runtime): BENCH push streams=... p99_ms=...
# Usage: harness/bench.sh push [--streams 1000] [--changes 100]
# Starts the whole local runtime on the harness's shifted ports (the system tests' ports: run nothing else meanwhile),
# opens N live streams of one supervisor (they see the whole tenant), then changes an agent's status M times through the
# portal API and measures, per stream, POST -> the StatusChanged event read from the stream.
source "$(dirname "$0")/lib.sh"
streams=1000
changes=100
while [ $# -gt 0 ]; do
  case $1 in
    --streams) streams=$2; shift 2 ;;
    --changes) changes=$2; shift 2 ;;
    *) echo "unknown option $1 (known: --streams N, --changes N)" >&2; exit 2 ;;
  esac
done
bench_build agent-service,queue-service,stats-service,telephony-gateway,portal-bff
bench_log "$streams streams, $changes status changes; logs and report in $BENCH_DIR"
java -Xmx1g -cp "$(bench_harness_cp)" io.ccagent.harness.push.PushBench --repo="$BENCH_ROOT" --out="$BENCH_DIR" \
  --streams="$streams" --changes="$changes" >"$BENCH_DIR/logs/push.log" 2>&1 \
  || { tail -40 "$BENCH_DIR/logs/push.log" >&2; exit 1; }
grep -v '^BENCH ' "$BENCH_DIR/push-report.txt" >&2 || true
grep '^BENCH ' "$BENCH_DIR/logs/push.log"
