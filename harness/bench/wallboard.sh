#!/usr/bin/env bash
# Supervisor wallboard of a large tenant through the portal (the first page of agents, as the page opens):
# BENCH wallboard agents=... p99_ms=...
# Usage: harness/bench.sh wallboard [--agents 5000] [--queues 50] [--requests 500] [--warm-up N] [--profile]
# Kafka, MongoDB, agent-service, queue-service, stats-service and portal-bff each in their own process. Provisions the
# tenant over the services' APIs, waits until the portal's wallboard counts every agent, then asks it REQUESTS times in
# a row as a signed-in supervisor, after --warm-up requests that are not measured (default: a tenth of REQUESTS, at
# least 20). --profile records JFR profiles of MongoDB and the four services
# from the warm-up to the last request.
source "$(dirname "$0")/lib.sh"
agents=5000
queues=50
requests=500
warm_up=
profile=false
while [ $# -gt 0 ]; do
  case $1 in
    --agents) agents=$2; shift 2 ;;
    --queues) queues=$2; shift 2 ;;
    --requests) requests=$2; shift 2 ;;
    --warm-up) warm_up=$2; shift 2 ;;
    --profile) profile=true; shift ;;
    *) echo "unknown option $1 (known: --agents N, --queues N, --requests N, --warm-up N, --profile)" >&2; exit 2 ;;
  esac
done
bench_build agent-service,queue-service,stats-service,portal-bff
bench_start_kafka
bench_start_mongo
agent_port=$(bench_free_port)
bench_start_service agent-service "$agent_port"
profiled=(mongo="$MONGO_PID" agent-service="$SERVICE_PID")
queue_port=$(bench_free_port)
bench_start_service queue-service "$queue_port"
profiled+=(queue-service="$SERVICE_PID")
stats_port=$(bench_free_port)
bench_start_service stats-service "$stats_port"
profiled+=(stats-service="$SERVICE_PID")
portal_port=$(bench_free_port)
token="bench-$RANDOM$RANDOM"
bench_start_service portal-bff "$portal_port" PROVISIONING_TOKEN="$token" \
  AGENT_SERVICE_URL="http://127.0.0.1:$agent_port" QUEUE_SERVICE_URL="http://127.0.0.1:$queue_port" \
  STATS_SERVICE_URL="http://127.0.0.1:$stats_port" GATEWAY_URL="http://127.0.0.1:1"
profiled+=(portal-bff="$SERVICE_PID")
bench_log "provisioning $agents agents in $queues queues, then $requests wallboard requests"
bench_spawn "$BENCH_DIR/logs/wallboard.log" java -cp "$(bench_harness_cp)" io.ccagent.harness.wallboard.WallboardBench \
  "http://127.0.0.1:$portal_port" "http://127.0.0.1:$agent_port" "http://127.0.0.1:$queue_port" "$token" "$agents" \
  "$queues" "$requests" "${warm_up:-$(( requests / 10 > 20 ? requests / 10 : 20 ))}"
driver=$BENCH_LAST_PID
if $profile; then
  bench_wait_for_line "$BENCH_DIR/logs/wallboard.log" "all agents listed" 3600
  bench_profile_start "${profiled[@]#*=}"
fi
wait "$driver" || { tail -40 "$BENCH_DIR/logs/wallboard.log" >&2; exit 1; }
if $profile; then
  bench_profile_dump "${profiled[@]}"
fi
grep -v '^BENCH ' "$BENCH_DIR/logs/wallboard.log" >&2 || true
grep '^BENCH ' "$BENCH_DIR/logs/wallboard.log"
