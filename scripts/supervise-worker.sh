#!/usr/bin/env bash
# Runs demo worker N and starts it again whenever it dies (like compose's restart: unless-stopped), until
# $RUN_DIR/stop-workers exists or this script is stopped.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
n="${1:?worker number}"
port=$((WORKER_PORT + n - 1))
child=""
trap 'if [ -n "$child" ]; then kill "$child" 2>/dev/null; wait "$child" 2>/dev/null; fi; rm -f "$PIDS/worker-$n.pid"; exit 0' TERM INT
while [ ! -f "$RUN_DIR/stop-workers" ]; do
	java -jar "$RUN_JAR" --spring.profiles.active="worker,$DEMO_PROFILE$TRACING_PROFILE" --server.port="$port" >>"$LOGS/worker-$n.log" 2>&1 &
	child=$!
	echo "$child" >"$PIDS/worker-$n.pid"
	say "$(date -u +%FT%TZ) worker $n started (pid $child, port $port)"
	wait "$child"
	status=$?
	say "$(date -u +%FT%TZ) worker $n exited with status $status"
	[ -f "$RUN_DIR/stop-workers" ] && break
	sleep 1
done
rm -f "$PIDS/worker-$n.pid"
