-- driftq_effect, as io/driftq/idempotent/jdbc/schema-sqlite.sql creates it. Applied with the starter's own schema
-- history table (driftq.effects.flyway.enabled=true); IF NOT EXISTS adopts a table the script created earlier.
CREATE TABLE IF NOT EXISTS driftq_effect (
	effect_id VARCHAR(200) NOT NULL PRIMARY KEY,
	run_id TEXT NOT NULL,
	step_id TEXT NOT NULL,
	business_key TEXT NOT NULL,
	status VARCHAR(16) NOT NULL,
	fencing_token BIGINT NOT NULL,
	lease_until BIGINT,
	attempts INTEGER NOT NULL,
	payload_hash VARCHAR(64) NOT NULL,
	result TEXT,
	error TEXT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
