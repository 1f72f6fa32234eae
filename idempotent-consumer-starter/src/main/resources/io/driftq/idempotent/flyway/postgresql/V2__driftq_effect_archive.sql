-- Archive of finished effects (driftq.effects.retention.completion-mode=archive): the columns of driftq_effect plus
-- archived_at (epoch milliseconds, database clock). One row per archived incarnation of an effect id: an id that ran
-- again after its row was archived is archived again with a later created_at.
CREATE TABLE IF NOT EXISTS driftq_effect_archive (
	effect_id VARCHAR(200) NOT NULL,
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
	updated_at BIGINT NOT NULL,
	archived_at BIGINT NOT NULL,
	PRIMARY KEY (effect_id, created_at)
);
