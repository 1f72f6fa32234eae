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

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.driftq.idempotent.EffectKey;
import io.driftq.idempotent.EffectRecord;
import io.driftq.idempotent.EffectStatus;
import io.driftq.idempotent.EffectStore;
import io.driftq.idempotent.EffectStoreUnavailableException;
import io.driftq.idempotent.ExpiredClaimPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * {@link EffectStore} on one JDBC table, {@value #TABLE}, for SQLite and PostgreSQL.
 *
 * <p>
 * Every operation is a single statement in its own (auto-commit) transaction. Lease times
 * are computed and compared by the database ({@link EffectStoreQueryProvider#now()}),
 * never by the JVM. On SQLite, writes from this store are serialized by a JVM lock
 * (single writer) on top of the connection's busy timeout, and a write that still meets
 * {@code SQLITE_BUSY} or {@code SQLITE_LOCKED} is retried a few times
 * ({@link #BUSY_RETRIES}).
 *
 * <p>
 * The bookkeeping never joins a caller's transaction: called while a transaction (or
 * transaction synchronization) is active on the thread, each operation runs in a new
 * transaction of its own on a connection of its own ({@code PROPAGATION_REQUIRES_NEW}),
 * so a claim is durable before the effect runs and survives the caller's rollback. A
 * local effect's transaction is {@code REQUIRES_NEW} too.
 */
public class JdbcEffectStore implements EffectStore, AutoCloseable {

	/** The effect table. */
	public static final String TABLE = "driftq_effect";

	/**
	 * Retries of a write that met {@code SQLITE_BUSY}/{@code SQLITE_LOCKED} (50 ms
	 * backoff, doubling).
	 */
	public static final int BUSY_RETRIES = 4;

	/**
	 * The archive of finished effects
	 * ({@code driftq.effects.retention.completion-mode=archive}).
	 */
	public static final String ARCHIVE_TABLE = "driftq_effect_archive";

	private final DataSource dataSource;

	private final JdbcTemplate jdbc;

	private final Dialect dialect;

	/** Outside a caller's transaction; on SQLite serialized and retried when busy. */
	private final EffectStoreTransactions transactions;

	private final EffectStoreSchema schema;

	/** The platform's SQL. */
	private final EffectStoreQueryProvider queries;

	private final RowMapper<EffectRecord> rowMapper = new EffectRecordRowMapper();

	private final EffectClaimer claims;

	private final EffectClaimWrites claimWrites;

	private final EffectStoreRetention retention;

	private volatile boolean closeDataSource;

	private volatile @Nullable DeferredSchema deferredSchema;

	/**
	 * Creates a store, detecting the dialect from the connection.
	 * @param dataSource the data source
	 */
	public JdbcEffectStore(DataSource dataSource) {
		this(dataSource, Dialect.detect(dataSource));
	}

	/**
	 * Creates a store.
	 * @param dataSource the data source
	 * @param dialect the dialect
	 */
	public JdbcEffectStore(DataSource dataSource, Dialect dialect) {
		this.dataSource = dataSource;
		this.jdbc = new JdbcTemplate(dataSource);
		this.dialect = dialect;
		this.transactions = new EffectStoreTransactions(dataSource, dialect, BUSY_RETRIES);
		this.schema = new EffectStoreSchema(dataSource, this.jdbc, dialect, this.transactions);
		this.queries = EffectStoreQueryProvider.of(dialect);
		this.claims = new EffectClaimer(this.jdbc, this.queries, this.transactions, this::find);
		this.claimWrites = new EffectClaimWrites(this.jdbc, this.queries, this.transactions);
		this.retention = new EffectStoreRetention(this.jdbc, this.queries, this.transactions);
	}

	/**
	 * @return the data source (write to it inside a local effect to share its
	 * transaction)
	 */
	public DataSource getDataSource() {
		return this.dataSource;
	}

	/**
	 * Makes {@link #close()} close the data source (when the store created it).
	 * @param closeDataSource whether to close it
	 */
	public void setCloseDataSource(boolean closeDataSource) {
		this.closeDataSource = closeDataSource;
	}

	@Override
	public void close() throws Exception {
		if (this.closeDataSource && this.dataSource instanceof AutoCloseable closeable) {
			closeable.close();
		}
	}

	/**
	 * @return the dialect
	 */
	public Dialect getDialect() {
		return this.dialect;
	}

	/**
	 * Schema work that could not run at startup because the database did not answer: it
	 * runs before the first claim, which until then fails with
	 * {@link io.driftq.idempotent.EffectStoreUnavailableException}.
	 * @param schemaWork initialization and verification of the schema
	 */
	public void deferSchemaWork(Runnable schemaWork) {
		this.deferredSchema = new DeferredSchema(schemaWork);
	}

	/**
	 * Runs the dialect's schema script ({@code CREATE TABLE IF NOT EXISTS}).
	 */
	public void initializeSchema() {
		this.schema.initialize();
	}

	/**
	 * Runs the schema script when {@code mode} says so, with Spring Boot's
	 * {@link EffectStoreDataSourceScriptDatabaseInitializer} when Boot's JDBC support is
	 * present, else directly.
	 * @param mode when to run it
	 * @param defaultSqliteFile whether the store is on the starter's default SQLite file
	 * ("embedded")
	 */
	public void initializeSchema(DatabaseInitializationMode mode, boolean defaultSqliteFile) {
		this.schema.initialize(mode, defaultSqliteFile);
	}

	/**
	 * @param dialect the dialect
	 * @return the location of its schema script
	 */
	public static String schemaLocation(Dialect dialect) {
		return "classpath:io/driftq/idempotent/jdbc/schema-" + dialect.scriptName() + ".sql";
	}

	/**
	 * Creates the index the retention reaper deletes by (finished rows by
	 * {@code updated_at}), if missing. Kept out of the schema script so that an
	 * application without retention pays no index write per effect.
	 */
	public void createRetentionIndex() {
		this.retention.createIndex();
	}

	/**
	 * Fails fast when the effect table is missing.
	 * @throws IllegalStateException naming the table and the property that creates it
	 */
	public void verifySchema() {
		this.schema.verify();
	}

	/**
	 * Fails fast when the archive table is missing (checked only when retention
	 * archives).
	 * @throws IllegalStateException naming the table and the property that needs it
	 */
	public void verifyArchiveSchema() {
		this.schema.verifyArchive();
	}

	/**
	 * {@inheritDoc}
	 * @throws EffectStoreUnavailableException when the database cannot be reached (no
	 * connection within the pool's connection timeout, connection refused or broken,
	 * statement timeout): the effect has not run
	 */
	@Override
	public ClaimResult claim(EffectKey key, String payloadHash, Duration lease, ExpiredClaimPolicy policy) {
		DeferredSchema schema = this.deferredSchema;
		if (schema != null) {
			schema.ensureDone(key.effectId());
		}
		return this.claims.claim(key, payloadHash, lease, policy);
	}

	@Override
	public void succeed(String effectId, long fencingToken, @Nullable String resultJson) {
		this.claimWrites.complete(effectId, fencingToken, EffectStatus.SUCCEEDED, resultJson, null);
	}

	@Override
	public void fail(String effectId, long fencingToken, String error) {
		this.claimWrites.complete(effectId, fencingToken, EffectStatus.FAILED, null, error);
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * The completion joins the local transaction (it is the only bookkeeping that does).
	 */
	@Override
	public void succeedInLocalTransaction(String effectId, long fencingToken, @Nullable String resultJson) {
		this.claimWrites.succeedInLocalTransaction(effectId, fencingToken, resultJson);
	}

	@Override
	public void markUnknown(String effectId, long fencingToken, String reason) {
		this.claimWrites.complete(effectId, fencingToken, EffectStatus.UNKNOWN, null, reason);
	}

	@Override
	public boolean renew(String effectId, long fencingToken, Duration lease) {
		return this.claimWrites.renew(effectId, fencingToken, lease);
	}

	@Override
	public boolean expireLease(String effectId) {
		return this.claimWrites.expireLease(effectId);
	}

	@Override
	public boolean release(String effectId, long fencingToken) {
		return this.claimWrites.release(effectId, fencingToken);
	}

	@Override
	public Optional<EffectRecord> find(String effectId) {
		return read(() -> this.jdbc.query(this.queries.select() + " WHERE effect_id = ?", this.rowMapper, effectId)
			.stream()
			.findFirst());
	}

	@Override
	public List<EffectRecord> findByStatus(EffectStatus status, int limit) {
		return read(() -> this.jdbc.query(this.queries.select() + " WHERE status = ? ORDER BY updated_at LIMIT ?",
				this.rowMapper, status.name(), limit));
	}

	@Override
	public boolean forceRelease(String effectId) {
		return this.claimWrites.forceRelease(effectId);
	}

	@Override
	public boolean resolveSucceeded(String effectId, @Nullable String resultJson) {
		return this.claimWrites.resolveSucceeded(effectId, resultJson);
	}

	@Override
	public int deleteCompletedOlderThan(Duration ttl, int batchSize) {
		return this.retention.deleteFinishedOlderThan(ttl, batchSize);
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Each batch is one transaction
	 * ({@link EffectStoreRetention#archiveFinishedOlderThan}).
	 */
	@Override
	public int archiveCompletedOlderThan(Duration ttl, int batchSize) {
		return this.retention.archiveFinishedOlderThan(ttl, batchSize);
	}

	@Override
	public <T> T inLocalTransaction(Supplier<T> work) {
		return this.transactions.inLocalTransaction(work);
	}

	@Override
	public List<String> foreignTransactionResources() {
		return ForeignTransactionResources.find(this.dataSource);
	}

	private <T> T read(Supplier<T> work) {
		return this.transactions.read(work);
	}

	/**
	 * @return how many effect store writes were retried after
	 * {@code SQLITE_BUSY}/{@code SQLITE_LOCKED} (SQLite only)
	 */
	public long getBusyRetries() {
		return this.transactions.busyRetries();
	}

}
