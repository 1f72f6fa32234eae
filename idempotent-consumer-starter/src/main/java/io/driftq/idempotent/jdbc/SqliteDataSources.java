package io.driftq.idempotent.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Creates the default SQLite effect database: WAL journal, busy timeout, {@code BEGIN
 * IMMEDIATE} transactions, small pool. Writes are further serialized by
 * {@link JdbcEffectStore}'s single-writer lock.
 */
public final class SqliteDataSources {

	private SqliteDataSources() {
	}

	/**
	 * Creates a pooled SQLite data source on a file, creating its directory.
	 * @param path the database file
	 * @param busyTimeout how long a connection waits for a lock held by another process
	 * @param poolSize maximum connections
	 * @return the data source (close it when done)
	 */
	public static HikariDataSource create(Path path, Duration busyTimeout, int poolSize) {
		Path parent = path.toAbsolutePath().getParent();
		if (parent != null) {
			try {
				Files.createDirectories(parent);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot create the directory of the effect database " + path, ex);
			}
		}
		SQLiteConfig config = new SQLiteConfig();
		config.setJournalMode(SQLiteConfig.JournalMode.WAL);
		config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
		config.setBusyTimeout((int) busyTimeout.toMillis());
		config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
		SQLiteDataSource sqlite = new SQLiteDataSource(config);
		sqlite.setUrl("jdbc:sqlite:" + path.toAbsolutePath());
		HikariConfig hikari = new HikariConfig();
		hikari.setDataSource(sqlite);
		hikari.setMaximumPoolSize(poolSize);
		hikari.setPoolName("driftq-effects-sqlite");
		return new HikariDataSource(hikari);
	}

}
