#!/usr/bin/env bash
# One entry point for every benchmark of the project: harness/bench.sh NAME [options].
# Runs harness/bench/NAME.sh, which builds what it needs, starts Kafka, MongoDB and the measured service each in its
# own process (harness/bench/lib.sh), drives the load and prints one `BENCH ...` line per result as its last lines.
# Run it alone on a quiet machine: ../shared/tools/quiet-run -- harness/bench.sh NAME ...
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ $# -lt 1 ] || [ ! -f "$here/bench/$1.sh" ]; then
  echo "usage: harness/bench.sh NAME [options]; benchmarks:" >&2
  for script in "$here"/bench/*.sh; do
    name=$(basename "$script" .sh)
    [ "$name" = lib ] || echo "  $name  $(sed -n 2p "$script" | sed 's/^# *//')" >&2
  done
  exit 2
fi
name=$1
shift
exec bash "$here/bench/$name.sh" "$@"
