#!/usr/bin/env bash
# sipp callers and sipp phones through the gateway and the real router (local runtime, shifted ports): BENCH sip.
# Usage: harness/bench.sh sip [--rate CALLS_PER_S] [--seconds S] [--agents N] [--talk-ms MS] [--warm-up S] [--profile]
# Starts the local runtime with every port shifted by 4000, provisions a tenant with N agents (one phone each, all
# members of one Round-robin queue without wrap-up, all online), registers the phones to one sipp that answers at
# once, then sipp callers dial the queue at RATE calls/s for S seconds and hang up after MS. Setup time = caller's
# INVITE to its 200 (router decision + phone rung and answered). Afterwards the gateway must hold no call and no leg.
# --warm-up S first sends callers at a quarter of RATE for S seconds, not measured (default 0: the services start
# cold). The CPU time each process used during the measured minute is logged per answered call.
# --profile records JFR profiles of the callers' minute: the runtime (broker, MongoDB) and the gateway, queue- and
# agent-service.
source "$(dirname "$0")/lib.sh"

rate=200
seconds=60
agents=
talk_ms=300
warm_up=0
profile=false
while [ $# -gt 0 ]; do
  case "$1" in
    --rate) rate=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --agents) agents=$2; shift 2 ;;
    --talk-ms) talk_ms=$2; shift 2 ;;
    --warm-up) warm_up=$2; shift 2 ;;
    --profile) profile=true; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
# every call holds an agent for about talk + setup; twice that many agents keeps the queue from being the limit
agents=${agents:-$(( rate * (talk_ms + 200) * 2 / 1000 + 10 ))}
command -v sipp >/dev/null || { echo "sipp is not installed (apt-get install sip-tester)" >&2; exit 1; }

offset=4000
tenant=bench.example.com
queue=8001
agent_url="http://127.0.0.1:$((8081 + offset))"
queue_url="http://127.0.0.1:$((8082 + offset))"
gateway_url="http://127.0.0.1:$((8094 + offset))"
sip="127.0.0.1:$((5060 + offset))"
phone_port=$(bench_free_port)
scenarios="$BENCH_ROOT/harness/bench/sip"

bench_build "agent-service,queue-service,stats-service,telephony-gateway,portal-bff"
bench_spawn "$BENCH_DIR/logs/runtime.log" java -jar "$BENCH_ROOT/deploy/local/target/local-runtime-exec.jar" \
  --data-dir "$BENCH_DIR/data" --port-offset "$offset"
runtime_pid=$BENCH_LAST_PID
bench_wait_for_line "$BENCH_DIR/logs/runtime.log" "services are UP" 600
service_pid() { pgrep -P "$runtime_pid" -f "$1" | head -1; }
profiled=(runtime="$runtime_pid" gateway="$(service_pid telephony-gateway)" queue-service="$(service_pid queue-service)"
  agent-service="$(service_pid agent-service)")
measured=("${profiled[@]}" stats-service="$(service_pid stats-service)" portal-bff="$(service_pid portal-bff)")

# A service token (HS256 JWT, role SYSTEM of the bench tenant) signed with the runtime's SERVICE_TOKEN_SECRET.
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
mint_token() {
  local now header payload key signature
  now=$(date +%s)
  header=$(printf '{"alg":"HS256"}' | b64url)
  payload=$(printf '{"iss":"cc-agent","sub":"bench@%s","tenant":"%s","role":"SYSTEM","iat":%d,"exp":%d}' \
    "$tenant" "$tenant" "$now" $((now + 900)) | b64url)
  key=$(tr -d '\n' <"$BENCH_DIR/data/service-token.secret" | base64 -d | od -An -tx1 | tr -d ' \n')
  signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$key" -binary | b64url)
  echo "$header.$payload.$signature"
}
put() {
  curl -sf -o /dev/null -X "${3:-PUT}" -H 'Content-Type: application/json' -H "Authorization: Bearer $BENCH_TOKEN" \
    -d "$2" "$1"
}
provision_agent() {
  local ext=$1
  put "$gateway_url/tenants/$tenant/devices/$ext" "{\"agent\":\"$ext@$tenant\",\"password\":\"bench-pass-$ext\"}" &&
    put "$agent_url/tenants/$tenant/agents/$ext" \
      "{\"name\":\"Agent $ext\",\"email\":\"a$ext@$tenant\",\"timeZone\":\"UTC\",\"devices\":[\"$ext\"]}" &&
    put "$queue_url/tenants/$tenant/queues/$queue/members/$ext" \
      "{\"agent\":\"$ext@$tenant\",\"priority\":1,\"order\":$((ext - 5000)),\"tier\":1}"
}
go_online() {
  put "$agent_url/tenants/$tenant/agents/$1/queues/$queue/login" '{"loggedIn":true}' POST || true
  put "$agent_url/tenants/$tenant/agents/$1/status" '{"status":"ONLINE"}' POST
}
BENCH_TOKEN=$(mint_token)
export -f put provision_agent go_online
export gateway_url agent_url queue_url tenant queue BENCH_TOKEN

bench_log "provisioning $agents agents in $tenant"
put "$queue_url/tenants/$tenant/queues" "{\"extension\":\"$queue\",\"name\":\"Bench\",\"type\":\"ROUND_ROBIN\",
  \"wrapUpSeconds\":0,\"agentRingTimeoutSeconds\":20,\"queueRingTimeoutSeconds\":300,
  \"unansweredAction\":\"STAY_IN_QUEUE\",\"timeZone\":\"UTC\"}" POST \
  || { bench_log "queue not created"; exit 1; }
seq 5001 $((5000 + agents)) | xargs -P 8 -I{} bash -c 'provision_agent {}' \
  || { bench_log "provisioning failed"; exit 1; }

bench_spawn "$BENCH_DIR/logs/phones.log" sipp -sf "$scenarios/phone.xml" -i 127.0.0.1 -p "$phone_port" -nostdin \
  -max_recv_loops 1000 -trace_err -error_file "$BENCH_DIR/logs/phones-errors.log"
measured+=(phones="$BENCH_LAST_PID")
bench_log "registering $agents phones"
register_phone() {
  sipp -sf "$scenarios/register.xml" -i 127.0.0.1 -p $((21000 + $1 - 5000)) -key device "$1" -key tenant "$tenant" \
    -key contact_port "$phone_port" -au "$1" -ap "bench-pass-$1" -auth_uri "$tenant" -m 1 -nostdin -timeout 30s \
    -timeout_error "$sip" >"$BENCH_DIR/logs/register-$1.log" 2>&1
}
export -f register_phone
export scenarios phone_port sip BENCH_DIR
(cd "$BENCH_DIR" && seq 5001 $((5000 + agents)) | xargs -P 8 -I{} bash -c 'register_phone {}') \
  || { bench_log "registration failed: $(ls "$BENCH_DIR"/logs/register-*.log | head -3)"; exit 1; }
seq 5001 $((5000 + agents)) | xargs -P 8 -I{} bash -c 'go_online {}' || { bench_log "agents not online"; exit 1; }
for _ in $(seq 120); do
  available=$(curl -sf -H "Authorization: Bearer $BENCH_TOKEN" "$queue_url/tenants/$tenant/availability" \
    | grep -o '"available":true' | wc -l || true)
  [ "$available" -ge "$agents" ] && break
  sleep 1
done
bench_log "$available of $agents agents available in queue $queue"

metric() {
  { curl -sf -H "Authorization: Bearer $BENCH_TOKEN" "$gateway_url/actuator/metrics/$1" | grep -o '"value":[0-9.]*' | head -1 | cut -d: -f2 | cut -d. -f1; } \
    || true
}
if [ "$warm_up" -gt 0 ]; then
  warm_rate=$(( rate / 4 > 0 ? rate / 4 : 1 ))
  bench_log "warm-up: $((warm_rate * warm_up)) calls at $warm_rate/s, not measured"
  mkdir -p "$BENCH_DIR/warm-up"
  (cd "$BENCH_DIR/warm-up" && sipp -sf "$scenarios/caller.xml" -i 127.0.0.1 -p "$(bench_free_port)" -key dial "$queue" \
    -key tenant "$tenant" -d "$talk_ms" -r "$warm_rate" -m $((warm_rate * warm_up)) -l $((rate * 30)) -nostdin \
    -max_recv_loops 10000 -timeout $((warm_up + 90))s "$sip" >"$BENCH_DIR/logs/warm-up.log" 2>&1) || true
  for _ in $(seq 60); do
    [ "$(metric cca.gateway.calls.active)" = 0 ] && break
    sleep 1
  done
fi

calls=$((rate * seconds))
bench_log "callers: $calls calls at $rate/s"
caller_port=$(bench_free_port)
if $profile; then
  bench_profile_start "${profiled[@]#*=}"
fi
declare -A cpu_before
for spec in "${measured[@]}"; do
  cpu_before[${spec%%=*}]=$(bench_cpu_seconds "${spec#*=}")
done
set +e
(cd "$BENCH_DIR" && sipp -sf "$scenarios/caller.xml" -i 127.0.0.1 -p "$caller_port" -key dial "$queue" \
  -key tenant "$tenant" -d "$talk_ms" -r "$rate" -m "$calls" -l $((rate * 30)) -nostdin -max_recv_loops 10000 \
  -trace_stat -stf callers-stat.csv -trace_rtt -rtt_freq 1 -trace_err -error_file "$BENCH_DIR/logs/callers-errors.log" \
  -timeout $((seconds + 90))s "$sip" >"$BENCH_DIR/logs/callers.log" 2>&1)
set -e
cpu_used=()
for spec in "${measured[@]}"; do
  cpu_used+=("${spec%%=*}=$(awk -v a="$(bench_cpu_seconds "${spec#*=}")" -v b="${cpu_before[${spec%%=*}]}" 'BEGIN { print a - b }')")
done
if $profile; then
  bench_profile_dump "${profiled[@]}"
fi

stat="$BENCH_DIR/callers-stat.csv"
stat_column() {
  awk -F';' -v name="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i } END { print $c + 0 }' "$stat"
}
created=$(stat_column "TotalCallCreated")
# connected = answered: one "setup" response time per caller that got its 200 (a caller who gave up and hung up ends
# normally in sipp's own count); failed = every other caller
setup_times="$BENCH_DIR/setup-times.txt"
cat "$BENCH_DIR"/caller_*_rtt.csv 2>/dev/null | awk -F';' '$2 ~ /^[0-9.]+$/ { print $2 }' | sort -n >"$setup_times"
connected=$(wc -l <"$setup_times")
failed=$((created - connected))
p99=$(awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a"; else { i = int(NR * 0.99); if (i < 1) i = 1; printf "%.0f", v[i] } }' \
  "$setup_times")
bench_log "sipp's own count: $(stat_column "SuccessfulCall(C)") ended normally (hang-ups included), $(stat_column "FailedCall(C)") failed"

per_call=$(for used in "${cpu_used[@]}"; do
  awk -v name="${used%%=*}" -v s="${used#*=}" -v n="$connected" 'BEGIN { printf "%s %.2f ms, ", name, n ? s * 1000 / n : 0 }'
done)
bench_log "CPU per answered call during the callers' run (process CPU time / connected): ${per_call%, }"

# The callers hung up: every call and leg must be gone from the gateway once the last BYE is through, and within
# 64*T1 = 32 s for a 200 whose caller had already given up (it never ACKs; the gateway then ends the call itself).
BENCH_TOKEN=$(mint_token)
for _ in $(seq 60); do
  leaked_calls=$(metric cca.gateway.calls.active)
  leaked_legs=$(metric cca.gateway.legs.active)
  [ "${leaked_calls:-1}" = 0 ] && [ "${leaked_legs:-1}" = 0 ] && break
  sleep 1
done
if [ "${leaked_calls:-1}" != 0 ] || [ "${leaked_legs:-1}" != 0 ]; then
  # what the gateway's threads are doing while it still holds calls: a thread stuck on a call's lock shows here
  jcmd "$(service_pid telephony-gateway)" Thread.print >"$BENCH_DIR/gateway-threads.txt" 2>&1 || true
  bench_log "calls or legs left behind: the gateway's threads are in $BENCH_DIR/gateway-threads.txt"
fi
bench_log "logs and sipp traces in $BENCH_DIR"
echo "BENCH sip rate=$rate seconds=$seconds warm_up_s=$warm_up agents=$agents calls=$created connected=$connected failed=$failed p99_setup_ms=$p99 leaked_calls=${leaked_calls:-unknown} leaked_legs=${leaked_legs:-unknown}"
