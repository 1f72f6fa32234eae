package io.driftq.idempotent.jdbc;

/**
 * SQLite 3.24+: {@code julianday('now')} as the clock; archiving copies then deletes (under the store's single
 * writer lock).
 */
public class SqliteEffectStoreQueryProvider extends EffectStoreQueryProvider {

	@Override
	public String now() {
		return "(CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER))";
	}

	@Override
	String deleteFinishedBatch() {
		return sql("""
				DELETE FROM driftq_effect WHERE effect_id IN (SELECT effect_id FROM driftq_effect \
				WHERE status IN ('SUCCEEDED', 'FAILED') AND updated_at < {now} - ? LIMIT ?)""");
	}

	@Override
	String archiveBatch() {
		return null;
	}

}
