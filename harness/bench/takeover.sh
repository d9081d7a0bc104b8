#!/usr/bin/env bash
# kill -9 of the routing queue-service under load after >= 1,000,000 records of history. Prints BENCH takeover.
# Options: --history N (1000000) --rate N (200) --seconds N (30) --kill-after S (5) --agents N (5000) --queues N (500)
#          --session-timeout-ms N (queue-service's ROUTING_SESSION_TIMEOUT, 3000 by default: how soon the group
#          notices the dead instance; the broker's group.min.session.timeout.ms is 2000)
#          --profile (JFR of the surviving instance from before the kill until the load ends: where the takeover goes)
source "$(dirname "$0")/lib.sh"
prepare_options=()
load_options=()
session_timeout=
profile=false
while [ $# -gt 0 ]; do
  case "$1" in
    --history) prepare_options+=("$1" "$2"); shift 2 ;;
    --agents|--queues) prepare_options+=("$1" "$2"); load_options+=("$1" "$2"); shift 2 ;;
    --rate|--seconds|--kill-after) load_options+=("$1" "$2"); shift 2 ;;
    --session-timeout-ms) session_timeout=$2; shift 2 ;;
    --profile) profile=true; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
bench_build queue-service
bench_start_kafka
bench_start_mongo
# both instances share the database (snapshots) and the consumer group, as two replicas of one deployment do
router_settings=(MONGODB_DATABASE=queue SERVICE_TOKEN_SECRET="$(head -c 32 /dev/urandom | base64)")
[ -z "$session_timeout" ] || router_settings+=(ROUTING_SESSION_TIMEOUT="${session_timeout}ms")
port_a=$(bench_free_port)
bench_start_service queue-service "$port_a" "${router_settings[@]}"
pid_a=$SERVICE_PID
state="$BENCH_DIR/tenant.txt"
bench_log "writing history"
java -Xmx1g -cp "$(bench_harness_cp)" io.ccagent.harness.routing.RoutingBench takeover-prepare \
  --bootstrap "$KAFKA_BOOTSTRAP_SERVERS" --state "$state" "${prepare_options[@]}" | tee "$BENCH_DIR/logs/prepare.log"
tenant=$(head -n 1 "$state")
port_b=$(bench_free_port)
bench_start_service queue-service "$port_b" "${router_settings[@]}"
pid_b=$SERVICE_PID
# the second instance routes some partition once the group has rebalanced
bench_wait_for_line "$BENCH_DIR/logs/queue-service-$port_b.log" "routing live" 120
# the owner of the tenant's partition is the instance whose gauges list the tenant's queues; taken once the group has
# settled after the second instance joined (the same single owner in 3 scrapes in a row), not from stale gauges of
# the instance that owned every partition before the rebalance
owner=""
seen=""
stable=0
for _ in $(seq 180); do
  listing=()
  for candidate in "$port_a:$pid_a" "$port_b:$pid_b"; do
    # scraped whole first: grep -q stops reading at its match, and under pipefail curl's broken pipe failed the test
    scrape=$(curl -sf "http://127.0.0.1:${candidate%%:*}/actuator/prometheus" || true)
    if grep -q "cca_queue_callers_waiting{.*q0@$tenant" <<<"$scrape"; then
      listing+=("$candidate")
    fi
  done
  if [ "${#listing[@]}" = 1 ] && [ "${listing[0]}" = "$seen" ]; then
    stable=$((stable + 1))
  else
    stable=0
    seen=${listing[0]:-}
    [ "${#listing[@]}" = 1 ] || seen=""
  fi
  if [ "$stable" -ge 2 ]; then
    owner=$seen
    break
  fi
  sleep 1
done
[ -n "$owner" ] || { bench_log "no instance routes $tenant"; exit 1; }
bench_log "tenant $tenant is routed by the instance on :${owner%%:*} (pid ${owner##*:})"
killed_at="$BENCH_DIR/killed-at.txt"
java -Xmx1g -cp "$(bench_harness_cp)" io.ccagent.harness.routing.RoutingBench takeover-load \
  --bootstrap "$KAFKA_BOOTSTRAP_SERVERS" --state "$state" --tenant "$tenant" --killed-at "$killed_at" \
  "${load_options[@]}" \
  > "$BENCH_DIR/logs/load.log" 2>&1 &
load_pid=$!
until grep -q '^KILL' "$BENCH_DIR/logs/load.log" 2>/dev/null; do
  kill -0 "$load_pid" 2>/dev/null || { cat "$BENCH_DIR/logs/load.log" >&2; exit 1; }
  sleep 0.1
done
survivor=$pid_a survivor_port=$port_a
[ "${owner##*:}" = "$pid_a" ] && survivor=$pid_b survivor_port=$port_b
if $profile; then
  bench_profile_start "$survivor"
fi
bench_kill9 "${owner##*:}"
date +%s%3N > "$killed_at"
bench_log "killed the owner (kill -9); the other instance takes over"
wait "$load_pid"
if $profile; then
  bench_profile_dump queue-service="$survivor"
fi
# the survivor's restores after the kill (the dead owner's log ends before it)
grep "Assigned partition\|restored in\|routing live" "$BENCH_DIR/logs/queue-service-$survivor_port.log" | tail -n 12
cat "$BENCH_DIR/logs/load.log"
grep '^BENCH ' "$BENCH_DIR/logs/load.log" | tail -n 1
