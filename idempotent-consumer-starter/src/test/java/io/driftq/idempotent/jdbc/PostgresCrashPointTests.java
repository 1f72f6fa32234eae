package io.driftq.idempotent.jdbc;

import javax.sql.DataSource;

import io.driftq.idempotent.jdbc.PostgresEffectStoreTests.PostgresSchema;

/**
 * The crash-point kit on PostgreSQL, in a schema of its own.
 */
class PostgresCrashPointTests extends CrashPointContractTests {

	private PostgresSchema schema;

	@Override
	protected DataSource createDataSource() {
		this.schema = PostgresSchema.create("crash_points");
		return this.schema.dataSource(4);
	}

	@Override
	protected void dropDatabase() throws Exception {
		if (this.schema != null) {
			this.schema.drop();
		}
	}

}
