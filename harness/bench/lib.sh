# Shared by the benchmark scripts (sourced, not run): build, free ports, and Kafka, MongoDB and services started each
# in its own process, all stopped (process group, SIGTERM then SIGKILL) when the script exits.
set -euo pipefail
BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH_NAME="$(basename "$0" .sh)"
BENCH_DIR="$BENCH_ROOT/harness/target/bench/$BENCH_NAME-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$BENCH_DIR/logs"
BENCH_PIDS=()
cd "$BENCH_ROOT"
# The services accept only callers with tokens signed by this secret: one per run, inherited by every service and
# driver started from here (ServiceTokens.withSecret(System.getenv("SERVICE_TOKEN_SECRET")) in the drivers).
SERVICE_TOKEN_SECRET="$(head -c 32 /dev/urandom | base64 -w0)"
export SERVICE_TOKEN_SECRET

bench_log() {
  echo "[bench $BENCH_NAME $(date -u +%H:%M:%S)] $*" >&2
}

# Builds the service jars, the local runtime (it carries the embedded servers) and the harness, and writes the
# harness's class path to harness/target/bench-classpath.txt. Extra modules may be named.
# BENCH_SKIP_BUILD=1 reuses what an earlier run built.
bench_build() {
  local modules="deploy/local,harness${1:+,$1}"
  if [ "${BENCH_SKIP_BUILD:-0}" = 1 ] && [ -f "$BENCH_ROOT/harness/target/bench-classpath.txt" ]; then
    bench_log "reusing the earlier build (BENCH_SKIP_BUILD=1)"
    return 0
  fi
  bench_log "building $modules"
  ./mvnw -q -B -o -DskipTests -Dpit.skip -pl "$modules" -am package dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=runtime >"$BENCH_DIR/logs/build.log" 2>&1 \
    || { tail -40 "$BENCH_DIR/logs/build.log" >&2; return 1; }
}

# The harness's classes and dependencies, for `java -cp "$(bench_harness_cp)" MAIN`.
bench_harness_cp() {
  echo "$BENCH_ROOT/harness/target/classes:$(cat "$BENCH_ROOT/harness/target/bench-classpath.txt")"
}

bench_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Starts a command in a process group of its own; its pid is in BENCH_LAST_PID and it is stopped at exit.
bench_spawn() {
  local log=$1
  shift
  setsid "$@" >"$log" 2>&1 &
  BENCH_LAST_PID=$!
  BENCH_PIDS+=("$BENCH_LAST_PID")
}

bench_wait_for_line() {
  local log=$1 pattern=$2 seconds=${3:-120}
  for _ in $(seq $((seconds * 5))); do
    grep -q "$pattern" "$log" 2>/dev/null && return 0
    kill -0 "$BENCH_LAST_PID" 2>/dev/null || break
    sleep 0.2
  done
  bench_log "timed out waiting for '$pattern' in $log"
  tail -30 "$log" >&2
  return 1
}

# The JVM's default collector, as the local runtime runs its broker and store (the serial collector held the store
# in young-collection pauses a third of a stats ingest: 570 MB/s of garbage, mostly pages written and read).
BENCH_INFRA_JAVA=(java -Xmx2g -cp "$BENCH_ROOT/deploy/local/target/local-runtime-exec.jar"
  -Dloader.main=io.ccagent.infra.embedded.StandaloneServer org.springframework.boot.loader.launch.PropertiesLauncher)

# Sets KAFKA_BOOTSTRAP_SERVERS and KAFKA_PID.
bench_start_kafka() {
  local port controller
  port=$(bench_free_port)
  controller=$(bench_free_port)
  bench_spawn "$BENCH_DIR/logs/kafka.log" "${BENCH_INFRA_JAVA[@]}" kafka "$port" "$controller" "$BENCH_DIR/kafka"
  KAFKA_PID=$BENCH_LAST_PID
  bench_wait_for_line "$BENCH_DIR/logs/kafka.log" '^READY'
  KAFKA_BOOTSTRAP_SERVERS="localhost:$port"
  export KAFKA_BOOTSTRAP_SERVERS
  # every topic with its partition count before any service starts, as the local runtime and compose do: left to
  # auto-creation, the first service to touch a topic decides its count (the router refuses unequal inputs)
  java -cp "$BENCH_ROOT/deploy/local/target/local-runtime-exec.jar" -Dloader.main=io.ccagent.local.KafkaTopics \
    org.springframework.boot.loader.launch.PropertiesLauncher "$KAFKA_BOOTSTRAP_SERVERS"
  bench_log "kafka at $KAFKA_BOOTSTRAP_SERVERS (pid $KAFKA_PID)"
}

# Sets MONGODB_URI and MONGO_PID (the H2-backed wire server of the local runtime).
bench_start_mongo() {
  local port
  port=$(bench_free_port)
  bench_spawn "$BENCH_DIR/logs/mongo.log" "${BENCH_INFRA_JAVA[@]}" mongo "$port" "$BENCH_DIR/mongo"
  MONGO_PID=$BENCH_LAST_PID
  bench_wait_for_line "$BENCH_DIR/logs/mongo.log" '^READY'
  MONGODB_URI="mongodb://localhost:$port"
  export MONGODB_URI
  bench_log "mongo at $MONGODB_URI (pid $MONGO_PID)"
}

# bench_start_service MODULE PORT [NAME=VALUE ...]: the service's Boot jar against the benchmark's Kafka and MongoDB,
# database named after the module unless MONGODB_DATABASE is given, listening on loopback only as in the local runtime;
# returns when it is ready. Sets SERVICE_PID.
bench_start_service() {
  local module=$1 port=$2
  shift 2
  local jar
  jar=$(ls "$BENCH_ROOT/$module"/target/"$module"-[0-9]*.jar | head -n 1)
  local log="$BENCH_DIR/logs/$module-$port.log"
  bench_spawn "$log" env PORT="$port" SERVER_ADDRESS=127.0.0.1 MONGODB_DATABASE="${module%%-*}" LOG_FORMAT=ecs \
    AXONIQ_UPDATE_CHECKER_DISABLED=true "$@" \
    java -Xms256m -Xmx1g -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError -jar "$jar"
  SERVICE_PID=$BENCH_LAST_PID
  for _ in $(seq 600); do
    if curl -sf "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null 2>&1; then
      bench_log "$module ready on :$port (pid $SERVICE_PID)"
      return 0
    fi
    kill -0 "$SERVICE_PID" 2>/dev/null || { tail -40 "$log" >&2; return 1; }
    sleep 0.5
  done
  bench_log "$module not ready after 300 s"
  tail -40 "$log" >&2
  return 1
}

# CPU seconds (user + system) a process has used so far. The benchmarks report a phase's difference per unit of work,
# as what that work costs each process: never as a throughput.
bench_cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.2f\n", ($12 + $13) / hz }' "/proc/$1/stat"
}

# --profile of the benchmarks: a JFR recording started in each process, dumped to $BENCH_DIR/NAME.jfr (NAME=PID).
bench_profile_start() {
  local pid
  for pid in "$@"; do
    jcmd "$pid" JFR.start name=bench settings=profile >/dev/null
  done
}
bench_profile_dump() {
  local spec files=()
  for spec in "$@"; do
    jcmd "${spec#*=}" JFR.dump name=bench filename="$BENCH_DIR/${spec%%=*}.jfr" >/dev/null
    files+=("$BENCH_DIR/${spec%%=*}.jfr")
  done
  bench_log "profiles: ${files[*]} (jfr print --events jdk.ExecutionSample ...)"
}

# Like a crash: SIGKILL to the whole process group.
bench_kill9() {
  kill -9 -- "-$1" 2>/dev/null || kill -9 "$1" 2>/dev/null || true
}

# Stops every process started with bench_spawn: SIGTERM to its group, SIGKILL after 10 s, and waits for each, so the
# shell reaps them and their CPU time counts as the benchmark's own (quiet-run adds its command's reaped children; a
# process left to init would count as foreign load).
bench_stop_all() {
  local pid killer
  for pid in "${BENCH_PIDS[@]}"; do
    kill -TERM -- "-$pid" 2>/dev/null || true
  done
  (
    sleep 10
    for pid in "${BENCH_PIDS[@]}"; do
      kill -KILL -- "-$pid" 2>/dev/null || true
    done
  ) &
  killer=$!
  for pid in "${BENCH_PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  kill "$killer" 2>/dev/null || true
  wait "$killer" 2>/dev/null || true
}
trap bench_stop_all EXIT
