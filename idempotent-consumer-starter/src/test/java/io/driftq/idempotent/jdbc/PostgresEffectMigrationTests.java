package io.driftq.idempotent.jdbc;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.driftq.idempotent.jdbc.PostgresEffectStoreTests.PostgresSchema;

/**
 * The starter's migrations on PostgreSQL ({@code DRIFTQ_TEST_POSTGRES_URL}, {@code _USER}, {@code _PASSWORD}), in
 * schemas of this test class, dropped afterwards.
 */
class PostgresEffectMigrationTests extends EffectMigrationTests {

	private final List<PostgresSchema> schemas = new ArrayList<>();

	@Override
	protected DataSource createDatabase(String name) {
		PostgresSchema schema = PostgresSchema.create("migrations_" + name);
		this.schemas.add(schema);
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(schema.url());
		config.setUsername(schema.user());
		config.setPassword(schema.password());
		config.setMaximumPoolSize(4);
		return new HikariDataSource(config);
	}

	@Override
	protected void dropDatabases() {
		this.schemas.forEach(PostgresSchema::drop);
	}

	@Override
	protected String vendor() {
		return "postgresql";
	}

}
