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

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How {@link JdbcEffectStore} runs its statements. The bookkeeping never joins a caller's
 * transaction: with a transaction (or synchronization) active on the thread, it runs in a
 * transaction of its own ({@code PROPAGATION_REQUIRES_NEW}). On SQLite, writes are
 * serialized by a JVM lock (single writer), retried when busy ({@link SqliteBusyRetry}),
 * and checked against a write lock this thread already holds ({@link SqliteWriteGuard}).
 */
final class EffectStoreTransactions {

	/**
	 * Local effects, archive batches, and the bookkeeping when the caller has a
	 * transaction: always a transaction of their own (the caller's is suspended, never
	 * joined).
	 */
	private final TransactionTemplate transactions;

	/** SQLite only. */
	private final @Nullable ReentrantLock writeLock;

	/**
	 * SQLite only: the sqlite-jdbc types stay out of the store, so PostgreSQL needs no
	 * SQLite driver.
	 */
	private final @Nullable SqliteWriteGuard sqliteWriteGuard;

	/** SQLite only. */
	private final @Nullable SqliteBusyRetry busyRetry;

	EffectStoreTransactions(DataSource dataSource, Dialect dialect, int busyRetries) {
		boolean sqlite = dialect == Dialect.SQLITE;
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		// REQUIRES_NEW rather than NOT_SUPPORTED: both suspend a caller's transaction on
		// this DataSource, but only
		// REQUIRES_NEW also suspends the synchronization of a caller's transaction
		// elsewhere (another DataSource, JPA,
		// JTA), which would otherwise keep the store's connection bound to it until it
		// ends
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.writeLock = sqlite ? new ReentrantLock() : null;
		this.sqliteWriteGuard = sqlite ? new SqliteWriteGuard(dataSource) : null;
		this.busyRetry = sqlite ? new SqliteBusyRetry(busyRetries) : null;
	}

	/**
	 * A write: serialized on SQLite, retried there when busy, and never part of a
	 * caller's transaction.
	 */
	<T> T write(Supplier<T> work) {
		SqliteBusyRetry retry = this.busyRetry;
		if (this.writeLock == null || retry == null) {
			return outsideCallerTransaction(work);
		}
		return locked(() -> retry.invoke(() -> outsideCallerTransaction(work)));
	}

	/**
	 * A read. Outside a caller's transaction it needs nothing. Inside one, on SQLite, it
	 * is handled as a write: its transaction of its own begins {@code IMMEDIATE} on the
	 * default DataSource, so it takes the write lock too.
	 */
	<T> T read(Supplier<T> work) {
		if (this.writeLock != null && TransactionSynchronizationManager.isSynchronizationActive()) {
			return write(work);
		}
		return outsideCallerTransaction(work);
	}

	/**
	 * Several statements in one transaction of their own, under the SQLite write lock.
	 * @return what the work returned
	 */
	<T> T inTransaction(Supplier<T> work) {
		return locked(() -> this.transactions.execute((status) -> work.get()));
	}

	/**
	 * A local effect's transaction of its own (the caller's suspended), under the SQLite
	 * write lock; on SQLite it fails at once when this thread's own transaction holds the
	 * database's write lock.
	 * @return what the work returned
	 */
	<T> T inLocalTransaction(Supplier<T> work) {
		return locked(() -> inNewTransaction(work));
	}

	/**
	 * @return how many writes were retried after
	 * {@code SQLITE_BUSY}/{@code SQLITE_LOCKED} (SQLite only)
	 */
	long busyRetries() {
		return (this.busyRetry != null) ? this.busyRetry.retries() : 0;
	}

	private <T> T locked(Supplier<T> work) {
		if (this.writeLock == null) {
			return work.get();
		}
		this.writeLock.lock();
		try {
			return work.get();
		}
		finally {
			this.writeLock.unlock();
		}
	}

	/**
	 * Runs bookkeeping on a connection and in a transaction of its own when the thread
	 * has a transaction (or synchronization) that would otherwise absorb it: a claim made
	 * inside a caller's transaction would not be durable before the effect runs, and
	 * would roll back with the caller. Without one (the common case), a statement
	 * auto-commits on a connection of its own anyway.
	 */
	private <T> T outsideCallerTransaction(Supplier<T> work) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return work.get();
		}
		return inNewTransaction(work);
	}

	private <T> T inNewTransaction(Supplier<T> work) {
		if (this.sqliteWriteGuard != null) {
			this.sqliteWriteGuard.checkNoWriterOnThisThread();
		}
		try {
			return this.transactions.execute((status) -> work.get());
		}
		catch (RuntimeException ex) {
			throw (this.sqliteWriteGuard != null) ? this.sqliteWriteGuard.explainSelfDeadlock(ex) : ex;
		}
	}

}
