#!/usr/bin/env bash
# stats-service: ingest and rebuild records/s, query p99 (--records N --agents N --queries N --concurrency N --profile)
# stats-service runs in its own JVM against Kafka and MongoDB (the local runtime's H2-backed wire server), each in its
# own process. The generated day is published first with the bindings stopped; then the clock runs from starting the
# bindings until the group has committed every partition's end offset; then a rebuild; then the portal's queries.
# Prints the service's own CPU time per record as well, to tell whether the service or the store is the limit;
# --profile also records a JFR profile of the service and of MongoDB (files named at the end).
source "$(dirname "$0")/lib.sh"

records=1000000 agents=200 queries=2000 concurrency=1 profile=false
while [ $# -gt 0 ]; do
  case $1 in
    --records) records=$2; shift 2 ;;
    --agents) agents=$2; shift 2 ;;
    --queries) queries=$2; shift 2 ;;
    --concurrency) concurrency=$2; shift 2 ;;
    --profile) profile=true; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

bench_build stats-service
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -f stats-service/target/bench-test-classpath.txt ]; then
  bench_log "resolving stats-service's test class path (the driver reuses the ground-truth generator)"
  ./mvnw -q -B -o -DskipTests -Dpit.skip -pl stats-service -am package dependency:build-classpath \
    -Dmdep.outputFile=target/bench-test-classpath.txt -Dmdep.includeScope=test >"$BENCH_DIR/logs/build-test.log" 2>&1 \
    || { tail -40 "$BENCH_DIR/logs/build-test.log" >&2; exit 1; }
fi
bench_start_kafka
bench_start_mongo

port=$(bench_free_port)
secret=$(python3 -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())')
bench_start_service stats-service "$port" STATS_CONSUMER_CONCURRENCY="$concurrency" SERVICE_TOKEN_SECRET="$secret" \
  MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE=health,metrics,bindings \
  SPRING_APPLICATION_JSON='{"spring.cloud.stream.bindings.callEvents-in-0.consumer.auto-startup":false,
    "spring.cloud.stream.bindings.agentEvents-in-0.consumer.auto-startup":false,
    "spring.cloud.stream.bindings.queueEvents-in-0.consumer.auto-startup":false}'
service_pid=$SERVICE_PID
if $profile; then
  bench_profile_start "$service_pid" "$MONGO_PID"
fi

bench_log "records=$records agents=$agents queries=$queries concurrency=$concurrency"
java -Xmx4g -XX:+UseParallelGC \
  -cp "stats-service/target/test-classes:stats-service/target/classes:$(cat stats-service/target/bench-test-classpath.txt)" \
  io.ccagent.stats.StatsBenchDriver --kafka "$KAFKA_BOOTSTRAP_SERVERS" --service "http://127.0.0.1:$port" \
  --pid "$service_pid" --secret "$secret" --records "$records" --agents "$agents" --queries "$queries" \
  >"$BENCH_DIR/driver.log"
if $profile; then
  bench_profile_dump stats-service="$service_pid" mongo="$MONGO_PID"
fi
cat "$BENCH_DIR/driver.log"
