#!/usr/bin/env bash
# Starts and stops Kafka and MongoDB, each in its own process: checks the benchmark plumbing (prints BENCH infra).
source "$(dirname "$0")/lib.sh"
bench_build
started=$(date +%s%N)
bench_start_kafka
bench_start_mongo
echo "BENCH infra kafka=$KAFKA_BOOTSTRAP_SERVERS mongo=$MONGODB_URI start_ms=$(( ($(date +%s%N) - started) / 1000000 ))"
