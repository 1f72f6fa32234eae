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

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * SQLite has one writer. A transaction of this thread on the store's DataSource that
 * began with {@code BEGIN
 * IMMEDIATE} (or {@code EXCLUSIVE}) holds the write lock until it ends, so the store's
 * own write on another connection could only wait out the busy timeout and fail: this
 * guard fails it at once, saying why. Used by {@link JdbcEffectStore} on SQLite only, so
 * that the sqlite-jdbc types it needs stay off the PostgreSQL path.
 */
final class SqliteWriteGuard {

	private final DataSource dataSource;

	SqliteWriteGuard(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/**
	 * @throws IllegalStateException if this thread's transaction on the store's
	 * DataSource holds the write lock
	 */
	void checkNoWriterOnThisThread() {
		SQLiteConfig.TransactionMode mode = callerTransactionMode();
		if (mode == SQLiteConfig.TransactionMode.IMMEDIATE || mode == SQLiteConfig.TransactionMode.EXCLUSIVE) {
			throw new IllegalStateException(
					selfDeadlockMessage("began with BEGIN " + mode + ", so it holds the write lock"));
		}
	}

	/**
	 * A busy error while this thread has a (deferred) SQLite transaction on the store's
	 * DataSource: it is the writer.
	 * @param ex what the store's write met
	 * @return the explanation, or {@code ex} itself
	 */
	RuntimeException explainSelfDeadlock(RuntimeException ex) {
		if (SqliteBusy.isBusy(ex) && callerTransactionMode() != null) {
			return new IllegalStateException(
					selfDeadlockMessage("is open and the write lock could not be had within the "
							+ "busy timeout: most likely that transaction has written, so it holds the lock"),
					ex);
		}
		return ex;
	}

	private static String selfDeadlockMessage(String why) {
		return "An idempotent effect was called inside a transaction on the effect store's SQLite database, and that "
				+ "transaction " + why
				+ ": SQLite has a single writer, so the effect's claim and completion (which never "
				+ "join the caller's transaction) cannot be written until it ends. Call the effect outside the "
				+ "transaction, or give the effect store a database of its own (driftq.effects.jdbc.url)";
	}

	/**
	 * The mode of this thread's SQLite transaction on the store's DataSource, or
	 * {@code null} if there is none.
	 */
	private SQLiteConfig.@Nullable TransactionMode callerTransactionMode() {
		if (!(TransactionSynchronizationManager.getResource(this.dataSource) instanceof ConnectionHolder holder)
				|| !holder.isSynchronizedWithTransaction()) {
			return null;
		}
		try {
			Connection connection = holder.getConnection();
			if (connection.getAutoCommit() || !connection.isWrapperFor(SQLiteConnection.class)) {
				return null;
			}
			return connection.unwrap(SQLiteConnection.class).getConnectionConfig().getTransactionMode();
		}
		catch (SQLException | RuntimeException ex) {
			return null;
		}
	}

}
