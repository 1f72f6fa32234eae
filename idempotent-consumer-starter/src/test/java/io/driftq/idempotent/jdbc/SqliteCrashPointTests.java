package io.driftq.idempotent.jdbc;

import java.nio.file.Path;
import java.time.Duration;

import javax.sql.DataSource;

import org.junit.jupiter.api.io.TempDir;

/**
 * The crash-point kit on a fresh SQLite file.
 */
class SqliteCrashPointTests extends CrashPointContractTests {

	@TempDir
	static Path directory;

	@Override
	protected DataSource createDataSource() {
		return SqliteDataSources.create(directory.resolve("crash-points.sqlite"), Duration.ofSeconds(10), 4);
	}

}
