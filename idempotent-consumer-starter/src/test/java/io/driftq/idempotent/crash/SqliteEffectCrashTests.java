package io.driftq.idempotent.crash;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import io.driftq.idempotent.jdbc.SqliteDataSources;

/**
 * The crash tests on a SQLite file shared by the killed child and this JVM.
 */
class SqliteEffectCrashTests extends EffectCrashTests {

	private Path file;

	@Override
	protected DataSource createDataSource(Path directory) {
		this.file = directory.resolve("effects.sqlite");
		return SqliteDataSources.create(this.file, Duration.ofSeconds(10), 4);
	}

	@Override
	protected List<String> childDatabaseArguments() {
		return List.of("--sqlite=" + this.file);
	}

}
