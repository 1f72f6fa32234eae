package io.driftq.idempotent.jdbc;

import java.nio.file.Path;
import java.time.Duration;

import javax.sql.DataSource;

import org.junit.jupiter.api.io.TempDir;

/**
 * The starter's migrations on SQLite files.
 */
class SqliteEffectMigrationTests extends EffectMigrationTests {

	@TempDir
	static Path directory;

	@Override
	protected DataSource createDatabase(String name) {
		return SqliteDataSources.create(directory.resolve(name + ".sqlite"), Duration.ofSeconds(10), 4);
	}

	@Override
	protected String vendor() {
		return "sqlite";
	}

}
