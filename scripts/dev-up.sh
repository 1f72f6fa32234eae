#!/usr/bin/env bash
# Starts driftqd, the demo API and $WORKERS supervised workers as background processes (logs and pids under .run/)
# and returns once all are healthy. Idempotent: what already runs is left alone. With the argument "driftqd",
# only driftqd.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
mkdir -p "$PIDS" "$LOGS" "$DATA" "$RUN_DIR/driftq"
command -v java >/dev/null || die "java (JDK 17) is not on PATH"
command -v curl >/dev/null || die "curl is not on PATH"

ONLY="${1:-}"

# 1. the jar, rebuilt when a source is newer (not needed to start driftqd alone)
if [ "$ONLY" != driftqd ]; then
	if [ ! -f "$JAR" ] || [ -n "$(find "$ROOT"/demo-app/src "$ROOT"/spring-cloud-stream-binder-driftq/src \
			"$ROOT"/idempotent-consumer-starter/src "$ROOT"/driftq-client/src "$ROOT"/pom.xml "$ROOT"/*/pom.xml \
			-newer "$JAR" -type f -print -quit)" ]; then
		say "building demo-app ..."
		(cd "$ROOT" && ./mvnw -B -q -ntp -pl demo-app -am package -DskipTests) || die "the build failed"
		# the build stamps a fixed (reproducible) time on the jar; give it the real one so the check above works
		touch "$JAR"
	fi
	running=0
	for name in api "$PIDS"/supervisor-*.pid; do
		name="$(basename "$name" .pid)"
		if is_running "$name"; then running=1; fi
	done
	if [ "$running" = 0 ]; then
		cp "$JAR" "$RUN_JAR"
	elif [ "$JAR" -nt "$RUN_JAR" ]; then
		say "note: the demo processes already running keep the jar they started with; 'make down up' runs the new build"
	fi
fi

# 2. driftqd
if is_running driftqd; then
	say "driftqd already running (pid $(cat "$PIDS/driftqd.pid"))"
else
	DRIFTQD="$(find_driftqd)"
	say "starting $DRIFTQD on 127.0.0.1:$DRIFTQ_PORT (WAL $RUN_DIR/driftq/driftq.wal)"
	# exec: the background subshell becomes driftqd, so $! is its pid
	(cd "$RUN_DIR/driftq" && exec nohup "$DRIFTQD" -addr "127.0.0.1:$DRIFTQ_PORT" -wal "$RUN_DIR/driftq/driftq.wal" \
		>>"$LOGS/driftqd.log" 2>&1 </dev/null) &
	echo $! >"$PIDS/driftqd.pid"
fi
wait_http driftqd "$DRIFTQ_HTTP_URL/v1/healthz" 30 "$LOGS/driftqd.log" || exit 1
# "dev-up.sh driftqd": only the broker (the soak restarts it while the rest keeps running)
[ "$ONLY" = driftqd ] && exit 0

# 2b. with ZIPKIN=1, a Zipkin server (in memory, loopback only), its jar from Maven Central through ./mvnw
if [ -n "$ZIPKIN" ]; then
	if is_running zipkin; then
		say "Zipkin already running (pid $(cat "$PIDS/zipkin.pid"))"
	else
		if [ ! -f "$ZIPKIN_JAR" ]; then
			say "downloading io.zipkin:zipkin-server:$ZIPKIN_VERSION:exec ..."
			(cd "$ROOT" && ./mvnw -B -q -ntp -N dependency:copy \
				-Dartifact="io.zipkin:zipkin-server:$ZIPKIN_VERSION:jar:exec" \
				-DoutputDirectory="$RUN_DIR/zipkin") || die "could not download zipkin-server $ZIPKIN_VERSION"
		fi
		say "starting Zipkin $ZIPKIN_VERSION on http://localhost:$ZIPKIN_PORT/zipkin"
		# every collector but HTTP off; the one port (Armeria's list, given whole) on loopback
		nohup java -Xmx256m -jar "$ZIPKIN_JAR" --armeria.ports[0].ip=127.0.0.1 \
			--armeria.ports[0].port="$ZIPKIN_PORT" --armeria.ports[0].protocols[0]=http \
			--zipkin.collector.kafka.enabled=false --zipkin.collector.rabbitmq.enabled=false \
			--zipkin.collector.pulsar.enabled=false --zipkin.collector.activemq.enabled=false \
			>>"$LOGS/zipkin.log" 2>&1 </dev/null &
		echo $! >"$PIDS/zipkin.pid"
	fi
	wait_http Zipkin "http://127.0.0.1:$ZIPKIN_PORT/health" 120 "$LOGS/zipkin.log" || exit 1
fi

# 3. the API
if is_running api; then
	say "API already running (pid $(cat "$PIDS/api.pid"))"
else
	say "starting the API on http://localhost:$API_PORT"
	nohup java -jar "$RUN_JAR" --spring.profiles.active="api,$DEMO_PROFILE$TRACING_PROFILE" --server.port="$API_PORT" \
		--management.server.port="$API_MANAGEMENT_PORT" >>"$LOGS/api.log" 2>&1 </dev/null &
	echo $! >"$PIDS/api.pid"
fi

# 4. workers, each under a supervisor that restarts it when it dies
for ((i = 1; i <= WORKERS; i++)); do
	if is_running "supervisor-$i"; then
		say "worker $i already supervised (supervisor pid $(cat "$PIDS/supervisor-$i.pid"))"
	else
		rm -f "$RUN_DIR/stop-workers"
		nohup "$ROOT/scripts/supervise-worker.sh" "$i" >>"$LOGS/supervisor-$i.log" 2>&1 </dev/null &
		echo $! >"$PIDS/supervisor-$i.pid"
	fi
done

wait_http API "http://127.0.0.1:$API_PORT/healthz" 120 "$LOGS/api.log" || exit 1
for ((i = 1; i <= WORKERS; i++)); do
	wait_http "worker $i" "http://127.0.0.1:$((WORKER_PORT + i - 1))/actuator/health" 120 "$LOGS/worker-$i.log" || exit 1
done
say "up: API http://localhost:$API_PORT (page /, docs /docs; actuator http://127.0.0.1:$API_MANAGEMENT_PORT/actuator), $WORKERS worker(s), DriftQ $DRIFTQ_HTTP_URL; logs in $LOGS"
if [ -n "$ZIPKIN" ]; then
	say "tracing: profile tracing, spans to $MANAGEMENT_TRACING_EXPORT_ZIPKIN_ENDPOINT, Zipkin UI $SIDEFX_TRACING_UI_URL"
fi
