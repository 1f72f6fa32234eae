/*
 * Copyright 2026 the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.driftq.idempotent.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.apache.commons.dbcp2.BasicDataSource;
import org.sqlite.JDBC;
import org.sqlite.SQLiteConfig;

/**
 * Creates the default SQLite effect database: WAL journal, busy timeout, {@code BEGIN
 * IMMEDIATE} transactions, small pool. Writes are further serialized by
 * {@link JdbcEffectStore}'s single-writer lock.
 *
 * <p>
 * The pool is Commons DBCP2 with prepared-statement pooling rather than HikariCP: neither
 * sqlite-jdbc nor HikariCP caches statements, and on SQLite compiling the claim and
 * completion statements costs about a third of an effect's bookkeeping (see
 * {@code docs/benchmarks.md}).
 */
public final class SqliteDataSources {

	/**
	 * Statements kept compiled per connection: the store uses about ten distinct ones.
	 */
	private static final int STATEMENTS_PER_CONNECTION = 64;

	/** How long a caller waits for a free connection before failing, by default. */
	private static final Duration MAX_WAIT = Duration.ofSeconds(30);

	private SqliteDataSources() {
	}

	/**
	 * Creates a pooled SQLite data source on a file, creating its directory.
	 * @param path the database file
	 * @param busyTimeout how long a connection waits for a lock held by another process
	 * @param poolSize maximum connections
	 * @return the data source (close it when done)
	 */
	public static BasicDataSource create(Path path, Duration busyTimeout, int poolSize) {
		return create(url(path), busyTimeout, poolSize);
	}

	/**
	 * The JDBC URL of a SQLite file, creating its directory.
	 * @param path the database file
	 * @return the URL
	 */
	public static String url(Path path) {
		Path parent = path.toAbsolutePath().getParent();
		if (parent != null) {
			try {
				Files.createDirectories(parent);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot create the directory of the effect database " + path, ex);
			}
		}
		return "jdbc:sqlite:" + path.toAbsolutePath();
	}

	/**
	 * Creates a pooled SQLite data source on a JDBC URL ({@code jdbc:sqlite:...}) with
	 * the same settings; pragmas given as URL parameters win over them.
	 * @param url the JDBC URL
	 * @param busyTimeout how long a connection waits for a lock held by another process
	 * @param poolSize maximum connections
	 * @return the data source (close it when done)
	 */
	public static BasicDataSource create(String url, Duration busyTimeout, int poolSize) {
		return create(url, busyTimeout, poolSize, MAX_WAIT);
	}

	/**
	 * Creates a pooled SQLite data source on a JDBC URL ({@code jdbc:sqlite:...}) with
	 * the same settings.
	 * @param url the JDBC URL
	 * @param busyTimeout how long a connection waits for a lock held by another process
	 * @param poolSize maximum connections
	 * @param connectionTimeout how long a caller waits for a free connection before
	 * failing
	 * @return the data source (close it when done)
	 */
	public static BasicDataSource create(String url, Duration busyTimeout, int poolSize, Duration connectionTimeout) {
		SQLiteConfig config = new SQLiteConfig();
		config.setJournalMode(SQLiteConfig.JournalMode.WAL);
		config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
		config.setBusyTimeout((int) busyTimeout.toMillis());
		config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
		BasicDataSource dataSource = new BasicDataSource();
		dataSource.setDriver(new JDBC());
		dataSource.setUrl(url);
		config.toProperties().forEach((name, value) -> dataSource.addConnectionProperty((String) name, (String) value));
		dataSource.setMaxTotal(poolSize);
		dataSource.setMaxIdle(poolSize);
		dataSource.setMaxWait(connectionTimeout);
		dataSource.setPoolPreparedStatements(true);
		dataSource.setMaxOpenPreparedStatements(STATEMENTS_PER_CONNECTION);
		// a local file: nothing to validate, and a validation would cost a statement per
		// borrow
		dataSource.setTestOnBorrow(false);
		return dataSource;
	}

}
