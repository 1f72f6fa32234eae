# The demo without Docker: driftqd, the API and a supervised worker as background processes under .run/.
# Ports: DRIFTQ_PORT (8080), API_PORT (8000), API_MANAGEMENT_PORT (9000, the API's actuator), WORKER_PORT (8001); WORKERS (1).
# Profiles api,demo and worker,demo (DEMO_PROFILE): page, debug views, docs. PostgreSQL: export SPRING_DATASOURCE_*.
# make up ZIPKIN=1: also a Zipkin server (ZIPKIN_PORT 9411, ZIPKIN_VERSION 3.5.1) and the tracing profile (docs/observability.md).
# Docker users: compose-up / compose-down / compose-logs.
.PHONY: up run fail down wipe logs api-logs worker-logs driftq-logs zipkin-logs chaos-kill-worker status test soak \
	compose-up compose-up-postgres compose-down compose-wipe compose-logs compose-chaos-kill-worker

SHELL := /bin/bash
RUN_DIR ?= .run
API_PORT ?= 8000
ZIPKIN ?=
export RUN_DIR API_PORT ZIPKIN

up:
	@scripts/dev-up.sh

# Demo 1: one forced failure before the side effect, then success: one effect row, one ticket.
run:
	@python3 scripts/run-demo.py --mode run --api http://localhost:$(API_PORT)

# Demo 2: the worker halts after the side effect and before the ack; redelivery does not repeat the effect.
fail:
	@python3 scripts/run-demo.py --mode crash --api http://localhost:$(API_PORT)

down:
	@scripts/dev-down.sh

wipe:
	@scripts/dev-down.sh --wipe

logs:
	@tail -n 50 -F $(RUN_DIR)/logs/*.log

api-logs:
	@tail -n 100 -F $(RUN_DIR)/logs/api.log

worker-logs:
	@tail -n 100 -F $(RUN_DIR)/logs/worker-*.log $(RUN_DIR)/logs/supervisor-*.log

driftq-logs:
	@tail -n 100 -F $(RUN_DIR)/logs/driftqd.log

zipkin-logs:
	@tail -n 100 -F $(RUN_DIR)/logs/zipkin.log

# SIGKILL the worker(s); their supervisors start them again.
chaos-kill-worker:
	@for f in $(RUN_DIR)/pids/worker-*.pid; do [ -e "$$f" ] && kill -9 "$$(cat "$$f")" && echo "killed worker pid $$(cat "$$f")"; done; true

status:
	@for f in $(RUN_DIR)/pids/*.pid; do [ -e "$$f" ] || continue; n=$$(basename "$$f" .pid); p=$$(cat "$$f"); \
		if kill -0 "$$p" 2>/dev/null; then echo "$$n: running (pid $$p)"; else echo "$$n: dead (pid $$p)"; fi; done; \
		curl -fsS --max-time 3 http://localhost:$(API_PORT)/healthz && echo || echo "API: not answering"

# The README test command.
test:
	./mvnw -B -ntp verify

# A bounded soak on its own ports and data directory; see docs/soak.md.
soak:
	python3 scripts/soak.py

compose-up:
	docker compose up -d --build

# the same with the effect table in the compose PostgreSQL
compose-up-postgres:
	SPRING_DATASOURCE_URL=jdbc:postgresql://postgres:5432/sidefx SPRING_DATASOURCE_USERNAME=sidefx \
		SPRING_DATASOURCE_PASSWORD=sidefx docker compose --profile postgres up -d --build

compose-down:
	docker compose --profile postgres down

compose-wipe:
	docker compose --profile postgres down -v

compose-logs:
	docker compose logs -f

compose-chaos-kill-worker:
	docker compose kill -s SIGKILL worker
