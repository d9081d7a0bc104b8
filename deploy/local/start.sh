#!/usr/bin/env bash
# Runs the whole platform on this machine: a real Kafka broker, an embedded MongoDB wire server, the five
# services and the demo tenant. Builds first when a service jar is missing or older than its sources.
# Usage: deploy/local/start.sh [--simulate] [--data-dir DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."

modules=(agent-service queue-service stats-service telephony-gateway portal-bff deploy/local)
needs_build=false
for module in "${modules[@]}"; do
  jar=$(ls "$module"/target/*.jar 2>/dev/null | head -n 1 || true)
  if [ -z "$jar" ] || [ -n "$(find "$module/src" contracts/src event-sourcing/src embedded-infra/src -newer "$jar" -type f -print -quit 2>/dev/null)" ]; then
    needs_build=true
  fi
done

if $needs_build; then
  echo "Building (the first build downloads dependencies and takes a few minutes) ..."
  ./mvnw -q -B -DskipTests package
fi

# Run from a copy: the runtime reads classes from its jar while it runs, and ./mvnw verify in this checkout (the
# quick start's second command) rewrites target/ (the services' jars are copied the same way, into the data folder).
data_dir=.data
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  [ "${args[$i]}" = --data-dir ] && data_dir=${args[$((i + 1))]:-$data_dir}
done
mkdir -p "$data_dir/jars"
cp deploy/local/target/local-runtime-exec.jar "$data_dir/jars/local-runtime-exec.jar"
exec java -jar "$data_dir/jars/local-runtime-exec.jar" "$@"
