package io.driftq.idempotent.jdbc;

import java.nio.file.Path;
import java.time.Duration;

import javax.sql.DataSource;

import org.junit.jupiter.api.io.TempDir;

/**
 * The effect contract on a fresh SQLite file.
 */
class SqliteEffectStoreTests extends EffectStoreContractTests {

	@TempDir
	static Path directory;

	@Override
	protected DataSource createDataSource() {
		return SqliteDataSources.create(directory.resolve("effects.sqlite"), Duration.ofSeconds(10), 4);
	}

}
