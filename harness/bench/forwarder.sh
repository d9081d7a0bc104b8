#!/usr/bin/env bash
# Event store -> Kafka through agent-service's forwarder, from a backlog: BENCH forwarder events=... per_s=... second_half_per_s=...
# Usage: harness/bench.sh forwarder [--agents 200] [--changes 30000] [--batch-size N] [--profile]
# Kafka, MongoDB and agent-service each in their own process. agent-service first runs with its forwarder off while
# agents are provisioned and their statuses changed over HTTP (a backlog of exactly agents + changes events in the
# store); then it restarts with the forwarder on, and the rate is taken from the first record on agent.events to the
# last (one instance forwards: it holds the processor's token). --batch-size sets the forwarder's batch
# (FORWARDER_BATCH_SIZE; default: the service's). --profile records a JFR profile of the forwarding
# agent-service and of MongoDB (files named at the end).
source "$(dirname "$0")/lib.sh"
agents=200
changes=30000
profile=false
batch_size=()
while [ $# -gt 0 ]; do
  case $1 in
    --agents) agents=$2; shift 2 ;;
    --changes) changes=$2; shift 2 ;;
    --batch-size) batch_size=(FORWARDER_BATCH_SIZE="$2"); shift 2 ;;
    --profile) profile=true; shift ;;
    *) echo "unknown option $1 (known: --agents N, --changes N, --batch-size N, --profile)" >&2; exit 2 ;;
  esac
done
changes=$(( changes / agents * agents ))
bench_build agent-service
bench_start_kafka
bench_start_mongo
port=$(bench_free_port)
bench_start_service agent-service "$port" FORWARDER_ENABLED=false
bench_log "storing $((agents + changes)) events with the forwarder off"
java -cp "$(bench_harness_cp)" io.ccagent.harness.forwarder.ForwarderBench fill "http://127.0.0.1:$port" \
  "$agents" "$changes" >&2
kill -TERM -- "-$SERVICE_PID" 2>/dev/null || true
while kill -0 "$SERVICE_PID" 2>/dev/null; do sleep 0.2; done
bench_log "restarting agent-service with its forwarder on"
java -cp "$(bench_harness_cp)" io.ccagent.harness.forwarder.ForwarderBench measure "$KAFKA_BOOTSTRAP_SERVERS" \
  "$((agents + changes))" >"$BENCH_DIR/logs/measure.log" 2>&1 &
measure=$!
bench_start_service agent-service "$port" "${batch_size[@]}"
if $profile; then
  bench_profile_start "$SERVICE_PID" "$MONGO_PID"
fi
wait "$measure"
if $profile; then
  bench_profile_dump agent-service="$SERVICE_PID" mongo="$MONGO_PID"
fi
grep -v '^BENCH ' "$BENCH_DIR/logs/measure.log" >&2 || true
grep '^BENCH ' "$BENCH_DIR/logs/measure.log"
