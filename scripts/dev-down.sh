#!/usr/bin/env bash
# Stops the supervisors, workers, API, driftqd and Zipkin (ZIPKIN=1) started by dev-up.sh. Idempotent. --wipe also deletes $RUN_DIR
# (WAL, database, artifacts, logs).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
mkdir -p "$RUN_DIR"
touch "$RUN_DIR/stop-workers"
for file in "$PIDS"/supervisor-*.pid; do [ -e "$file" ] && stop_pid "$(basename "$file" .pid)"; done
for file in "$PIDS"/worker-*.pid; do [ -e "$file" ] && stop_pid "$(basename "$file" .pid)"; done
stop_pid api
stop_pid driftqd
stop_pid zipkin
say "down"
if [ "${1:-}" = "--wipe" ]; then
	rm -rf "$RUN_DIR"
	say "wiped $RUN_DIR"
fi
