-- The demo's own tables (the effect table, driftq_effect, belongs to the idempotent-consumer-starter).
-- Portable between SQLite and PostgreSQL.
CREATE TABLE IF NOT EXISTS sidefx_run (
	run_id VARCHAR(64) NOT NULL PRIMARY KEY,
	business_key TEXT NOT NULL,
	status VARCHAR(16) NOT NULL,
	last_error TEXT,
	command TEXT NOT NULL,
	created_ms BIGINT NOT NULL,
	updated_ms BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS sidefx_run_business_key ON sidefx_run (business_key);
-- Handler invocations per command message (run, step, the attempt the message starts at): the worker's attempt
-- number, durable across crashes and broker restarts (DriftQ's own counter restarts at 1 after a restart).
CREATE TABLE IF NOT EXISTS sidefx_delivery (
	run_id VARCHAR(64) NOT NULL,
	step_id VARCHAR(64) NOT NULL,
	base_attempt INTEGER NOT NULL,
	deliveries INTEGER NOT NULL,
	PRIMARY KEY (run_id, step_id, base_attempt)
);
-- Re-drives per run (the API's StaleRunRedriver): bounded by sidefx.redrive-max, never forever.
CREATE TABLE IF NOT EXISTS sidefx_redrive (
	run_id VARCHAR(64) NOT NULL PRIMARY KEY,
	redrives INTEGER NOT NULL,
	last_ms BIGINT NOT NULL
);
-- Idempotency-Key of POST /runs (IETF httpapi draft, Stripe semantics): the request's hash and, once done, the answer.
CREATE TABLE IF NOT EXISTS sidefx_idempotency (
	idem_key VARCHAR(255) NOT NULL PRIMARY KEY,
	request_sha256 VARCHAR(64) NOT NULL,
	status VARCHAR(16) NOT NULL,
	response TEXT,
	created_ms BIGINT NOT NULL
);
-- The dead letters of sidefx.dlq as the debug view read them (demo profile): DriftQ cannot read a topic by offset
-- and deals a group that never acks only 2 messages, so one reader group acks each record once it is stored here.
-- Offsets are topic-wide (unique per topic); the hash keeps a record of a wiped, restarted broker apart.
CREATE TABLE IF NOT EXISTS sidefx_dead_letter (
	dlq_offset BIGINT NOT NULL,
	value_sha256 VARCHAR(64) NOT NULL,
	dlq_partition INTEGER NOT NULL,
	record TEXT NOT NULL,
	received_ms BIGINT NOT NULL,
	PRIMARY KEY (dlq_offset, value_sha256)
);
-- The trace of POST /runs that created a run (Micrometer Tracing's trace id; no row when there was none). A table of
-- its own so that a database made by an earlier version needs no ALTER TABLE.
CREATE TABLE IF NOT EXISTS sidefx_run_trace (
	run_id VARCHAR(64) NOT NULL PRIMARY KEY,
	trace_id VARCHAR(64) NOT NULL
);
