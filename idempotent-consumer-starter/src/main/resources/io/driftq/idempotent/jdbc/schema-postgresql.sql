-- DriftQ idempotent effects: one row per effect. Times are epoch milliseconds on the DATABASE clock.
CREATE TABLE IF NOT EXISTS driftq_effect (
	effect_id VARCHAR(200) NOT NULL PRIMARY KEY,
	run_id TEXT NOT NULL,
	step_id TEXT NOT NULL,
	business_key TEXT NOT NULL,
	status VARCHAR(16) NOT NULL CHECK (status IN ('CLAIMED', 'SUCCEEDED', 'FAILED', 'UNKNOWN')),
	fencing_token BIGINT NOT NULL,
	lease_until BIGINT,
	attempts INTEGER NOT NULL,
	payload_hash VARCHAR(64) NOT NULL,
	result TEXT,
	error TEXT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
-- Only finished rows are indexed (for the retention reaper): a claim's INSERT touches no secondary index and its
-- completion adds one entry. Listing CLAIMED/UNKNOWN rows (the actuator endpoint) scans the table.
DROP INDEX IF EXISTS driftq_effect_status_updated;
CREATE INDEX IF NOT EXISTS driftq_effect_finished_updated ON driftq_effect (updated_at)
	WHERE status IN ('SUCCEEDED', 'FAILED');
