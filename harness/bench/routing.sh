#!/usr/bin/env bash
# Caller arrives -> OfferCall through Kafka; queue-service, Kafka and MongoDB each in its own process. Prints BENCH routing.
# Options: --rate N (200) --seconds N (60) --agents N (5000) --queues N (500) --queues-per-agent N (3) --hold S (5)
#          --wrap-up S (5) --fetch-max-wait-ms N (10, the driver's read_committed consumer) --profile (JFR of
#          queue-service and Kafka; files named at the end)
# Above the BENCH line it prints the router's own timings (queue-service's /actuator/prometheus): input time -> polled
# by the router, the routing transaction's phases, arrival -> offer committed; the rest of a caller's wait is the
# offer's way from its commit to the driver's read_committed consumer.
source "$(dirname "$0")/lib.sh"
driver_options=()
profile=false
while [ $# -gt 0 ]; do
  case "$1" in
    --rate|--seconds|--agents|--queues|--queues-per-agent|--hold|--wrap-up|--fetch-max-wait-ms) driver_options+=("$1" "$2"); shift 2 ;;
    --profile) profile=true; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
bench_build queue-service
bench_start_kafka
bench_start_mongo
port=$(bench_free_port)
bench_start_service queue-service "$port" SERVICE_TOKEN_SECRET="$(head -c 32 /dev/urandom | base64)"
service_pid=$SERVICE_PID
if $profile; then
  bench_profile_start "$service_pid" "$KAFKA_PID"
fi
bench_log "driving the load"
java -Xmx1g -cp "$(bench_harness_cp)" io.ccagent.harness.routing.RoutingBench routing \
  --bootstrap "$KAFKA_BOOTSTRAP_SERVERS" "${driver_options[@]}" >"$BENCH_DIR/logs/driver.log"
if $profile; then
  bench_profile_dump queue-service="$service_pid" kafka="$KAFKA_PID"
fi
# warm-up included: the meters count from the service's start; the arrival -> offer committed histogram with its
# buckets, to compare with the driver's arrival -> offer read
echo "router timings (queue-service meters, warm-up and provisioning included):"
curl -sf "http://127.0.0.1:$port/actuator/prometheus" \
  | grep -E '^cca_queue_routing_(input_lag|transaction|latency|decision)_seconds(_count|_sum|_max|\{)|^cca_queue_routing_latency_seconds_bucket' \
  || echo "  (meters not readable)"
grep -v '^BENCH ' "$BENCH_DIR/logs/driver.log"
grep '^BENCH ' "$BENCH_DIR/logs/driver.log" | tail -n 1
