# Shared settings of the dev scripts (sourced, not run). Everything lives under $RUN_DIR (git-ignored).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN_DIR="${RUN_DIR:-$ROOT/.run}"
case "$RUN_DIR" in /*) ;; *) RUN_DIR="$ROOT/$RUN_DIR" ;; esac
PIDS="$RUN_DIR/pids"
LOGS="$RUN_DIR/logs"
DATA="$RUN_DIR/data"
DRIFTQ_PORT="${DRIFTQ_PORT:-8080}"
API_PORT="${API_PORT:-8000}"
WORKER_PORT="${WORKER_PORT:-8001}"
# the API's actuator (management port, loopback only); a worker's actuator is on its WORKER_PORT, loopback only
API_MANAGEMENT_PORT="${API_MANAGEMENT_PORT:-9000}"
# the demo: page, debug views, docs, open runs API (docs/demo.md, "Running it in production" for the rest)
DEMO_PROFILE="${DEMO_PROFILE:-demo}"
WORKERS="${WORKERS:-1}"
JAR="$ROOT/demo-app/target/demo-app.jar"
# ZIPKIN=1 (make up ZIPKIN=1): a Zipkin server on loopback ($ZIPKIN_PORT) and API and workers in the `tracing`
# profile exporting to it, the page linking each run's trace (docs/observability.md). Not for the Python worker:
# the tracing profile wraps the commands in embedded headers.
ZIPKIN="${ZIPKIN:-}"
[ "$ZIPKIN" = 0 ] && ZIPKIN=""
ZIPKIN_PORT="${ZIPKIN_PORT:-9411}"
ZIPKIN_VERSION="${ZIPKIN_VERSION:-3.5.1}"
ZIPKIN_JAR="$RUN_DIR/zipkin/zipkin-server-$ZIPKIN_VERSION-exec.jar"
TRACING_PROFILE=""
if [ -n "$ZIPKIN" ]; then
	TRACING_PROFILE=",tracing"
	export MANAGEMENT_TRACING_EXPORT_ZIPKIN_ENDPOINT="${MANAGEMENT_TRACING_EXPORT_ZIPKIN_ENDPOINT:-http://127.0.0.1:$ZIPKIN_PORT/api/v2/spans}"
	export SIDEFX_TRACING_UI_URL="${SIDEFX_TRACING_UI_URL:-http://localhost:$ZIPKIN_PORT/zipkin}"
fi
export ZIPKIN ZIPKIN_PORT ZIPKIN_VERSION
# The processes run a copy, so a rebuild while they run cannot pull classes out from under them.
RUN_JAR="$RUN_DIR/demo-app.jar"

export DRIFTQ_HTTP_URL="${DRIFTQ_HTTP_URL:-http://127.0.0.1:$DRIFTQ_PORT}"
export SIDEFX_DB_PATH="${SIDEFX_DB_PATH:-$DATA/side_effects.sqlite}"
export ARTIFACTS_DIR="${ARTIFACTS_DIR:-$DATA/artifacts}"
export WORKER_GROUP="${WORKER_GROUP:-sidefx-worker}"

say() { printf '%s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# The pinned DriftQ version: the root pom's driftq.version.
driftq_version() {
	sed -n 's:.*<driftq.version>\(.*\)</driftq.version>.*:\1:p' "$ROOT/pom.xml" | head -n 1
}

# Prints the driftqd to use: DRIFTQ_BIN, PATH, Go's bin directory, else installs the pinned version with Go.
find_driftqd() {
	if [ -n "${DRIFTQ_BIN:-}" ]; then
		[ -x "$DRIFTQ_BIN" ] || die "DRIFTQ_BIN=$DRIFTQ_BIN is not an executable file"
		printf '%s\n' "$DRIFTQ_BIN"; return
	fi
	if command -v driftqd >/dev/null 2>&1; then command -v driftqd; return; fi
	local gobin=""
	if command -v go >/dev/null 2>&1; then
		gobin="$(go env GOBIN)"; [ -n "$gobin" ] || gobin="$(go env GOPATH)/bin"
		if [ -x "$gobin/driftqd" ]; then printf '%s\n' "$gobin/driftqd"; return; fi
		local version; version="$(driftq_version)"
		say "driftqd not found; installing github.com/driftq-org/DriftQ-Core/cmd/driftqd@$version with Go ..." >&2
		if go install "github.com/driftq-org/DriftQ-Core/cmd/driftqd@$version" >&2; then
			printf '%s\n' "$gobin/driftqd"; return
		fi
		die "could not install driftqd $version with Go (the Go module proxy may refuse DriftQ-Core; build it from source at that commit and set DRIFTQ_BIN; see docs/troubleshooting.md)"
	fi
	die "driftqd not found (DRIFTQ_BIN, PATH, Go's bin directory) and Go is not installed to install it"
}

# is_running NAME: the process of pid file NAME.pid is alive.
is_running() {
	local file="$PIDS/$1.pid"
	[ -f "$file" ] && kill -0 "$(cat "$file")" 2>/dev/null
}

# wait_http NAME URL SECONDS LOG: waits until URL answers 2xx.
wait_http() {
	local name="$1" url="$2" seconds="$3" log="$4" i
	for ((i = 0; i < seconds * 4; i++)); do
		if curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; then return 0; fi
		sleep 0.25
	done
	say "$name did not become healthy within ${seconds}s at $url; last lines of $log:" >&2
	tail -n 30 "$log" >&2 || true
	return 1
}

# stop_pid NAME: TERM, wait up to 20 s, then KILL.
stop_pid() {
	local file="$PIDS/$1.pid" pid i
	[ -f "$file" ] || return 0
	pid="$(cat "$file")"
	if kill -0 "$pid" 2>/dev/null; then
		kill "$pid" 2>/dev/null || true
		for ((i = 0; i < 80; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
		kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
	fi
	rm -f "$file"
}
