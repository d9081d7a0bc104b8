#!/usr/bin/env bash
# Caller arrives -> OfferCall through Kafka; queue-service, Kafka and MongoDB each in its own process. Prints BENCH routing.
# Options: --rate N (200) --seconds N (60) --agents N (5000) --queues N (500) --queues-per-agent N (3) --hold S (5)
#          --wrap-up S (5)
source "$(dirname "$0")/lib.sh"
driver_options=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rate|--seconds|--agents|--queues|--queues-per-agent|--hold|--wrap-up) driver_options+=("$1" "$2"); shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
bench_build queue-service
bench_start_kafka
bench_start_mongo
bench_start_service queue-service "$(bench_free_port)" SERVICE_TOKEN_SECRET="$(head -c 32 /dev/urandom | base64)"
bench_log "driving the load"
java -Xmx1g -cp "$(bench_harness_cp)" io.ccagent.harness.routing.RoutingBench routing \
  --bootstrap "$KAFKA_BOOTSTRAP_SERVERS" "${driver_options[@]}" | tee "$BENCH_DIR/logs/driver.log"
grep '^BENCH ' "$BENCH_DIR/logs/driver.log" | tail -n 1
