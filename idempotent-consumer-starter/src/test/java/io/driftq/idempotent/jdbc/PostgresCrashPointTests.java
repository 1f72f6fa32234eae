package io.driftq.idempotent.jdbc;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.driftq.idempotent.jdbc.PostgresEffectStoreTests.PostgresSchema;

/**
 * The crash-point kit on PostgreSQL, in a schema of its own.
 */
class PostgresCrashPointTests extends CrashPointContractTests {

	private PostgresSchema schema;

	@Override
	protected DataSource createDataSource() {
		this.schema = PostgresSchema.create("crash_points");
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(this.schema.url());
		config.setUsername(this.schema.user());
		config.setPassword(this.schema.password());
		config.setMaximumPoolSize(4);
		return new HikariDataSource(config);
	}

	@Override
	protected void dropDatabase() throws Exception {
		if (this.schema != null) {
			this.schema.drop();
		}
	}

}
