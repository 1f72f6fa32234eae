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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.driftq.idempotent.EffectKey;
import io.driftq.idempotent.EffectLeaseLostException;
import io.driftq.idempotent.EffectRecord;
import io.driftq.idempotent.EffectStatus;
import io.driftq.idempotent.EffectStoreConfigurationException;
import io.driftq.idempotent.EffectStore;
import io.driftq.idempotent.EffectStoreUnavailableException;
import io.driftq.idempotent.ExpiredClaimPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.ClassUtils;

/**
 * {@link EffectStore} on one JDBC table, {@value #TABLE}, for SQLite and PostgreSQL.
 *
 * <p>Every operation is a single statement in its own (auto-commit) transaction. Lease times
 * are computed and compared by the database ({@link EffectStoreQueryProvider#now()}), never by the JVM. On
 * SQLite, writes from this store are serialized by a JVM lock (single writer) on top of the
 * connection's busy timeout, and a write that still meets {@code SQLITE_BUSY} or
 * {@code SQLITE_LOCKED} is retried a few times ({@link #BUSY_RETRIES}).
 *
 * <p>The bookkeeping never joins a caller's transaction: called while a transaction (or
 * transaction synchronization) is active on the thread, each operation runs in a new
 * transaction of its own on a connection of its own ({@code PROPAGATION_REQUIRES_NEW}), so a
 * claim is durable before the effect runs and survives the caller's rollback. A local effect's
 * transaction is {@code REQUIRES_NEW} too.
 */
public class JdbcEffectStore implements EffectStore, AutoCloseable {

	/** The effect table. */
	public static final String TABLE = "driftq_effect";

	private static final int[] CLAIM_TYPES = { Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.BIGINT,
			Types.VARCHAR };

	private static final int[] COMPLETE_TYPES = { Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
			Types.BIGINT };

	private static final boolean BOOT_JDBC_PRESENT = ClassUtils.isPresent(
			"org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer", JdbcEffectStore.class.getClassLoader());

	/** Retries of a write that met {@code SQLITE_BUSY}/{@code SQLITE_LOCKED} (50 ms backoff, doubling). */
	public static final int BUSY_RETRIES = 4;

	private static final Logger logger = LoggerFactory.getLogger(JdbcEffectStore.class);



	private final DataSource dataSource;

	private final JdbcTemplate jdbc;

	private final Dialect dialect;

	private final ReentrantLock writeLock;

	/** SQLite only: the sqlite-jdbc types stay out of this class, so PostgreSQL needs no SQLite driver. */
	private final SqliteWriteGuard sqliteWriteGuard;

	/**
	 * Local effects, archive batches, and the bookkeeping when the caller has a transaction: always a transaction of
	 * their own (the caller's is suspended, never joined).
	 */
	private final TransactionTemplate transactions;

	private final RetryTemplate busyRetry;

	private final AtomicLong busyRetries = new AtomicLong();

	/** The platform's SQL. */
	private final EffectStoreQueryProvider queries;

	private final RowMapper<EffectRecord> rowMapper = this::mapRow;

	private volatile boolean closeDataSource;

	private volatile DeferredSchema deferredSchema;

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
		this.writeLock = (dialect == Dialect.SQLITE) ? new ReentrantLock() : null;
		this.sqliteWriteGuard = (dialect == Dialect.SQLITE) ? new SqliteWriteGuard(dataSource) : null;
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		// REQUIRES_NEW rather than NOT_SUPPORTED: both suspend a caller's transaction on this DataSource, but only
		// REQUIRES_NEW also suspends the synchronization of a caller's transaction elsewhere (another DataSource, JPA,
		// JTA), which would otherwise keep the store's connection bound to it until it ends
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.busyRetry = new RetryTemplate(RetryPolicy.builder()
			.maxRetries(BUSY_RETRIES)
			.delay(Duration.ofMillis(50))
			.multiplier(2)
			.maxDelay(Duration.ofMillis(800))
			.predicate((ex) -> !(ex instanceof IllegalStateException) && SqliteBusy.isBusy(ex))
			.build());
		this.busyRetry.setRetryListener(new RetryListener() {
			@Override
			public void beforeRetry(RetryPolicy policy, Retryable<?> retryable) {
				long retries = JdbcEffectStore.this.busyRetries.incrementAndGet();
				logger.debug("SQLite was busy for an effect store write; retrying it ({} retries so far)", retries);
			}
		});
		this.queries = EffectStoreQueryProvider.of(dialect);
	}

	/**
	 * @return the data source (write to it inside a local effect to share its transaction)
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
	 * Schema work that could not run at startup because the database did not answer: it runs before the first
	 * claim, which until then fails with {@link io.driftq.idempotent.EffectStoreUnavailableException}.
	 * @param schemaWork initialization and verification of the schema
	 */
	public void deferSchemaWork(Runnable schemaWork) {
		this.deferredSchema = new DeferredSchema(schemaWork);
	}

	/**
	 * Runs the dialect's schema script ({@code CREATE TABLE IF NOT EXISTS}).
	 */
	public void initializeSchema() {
		ResourceDatabasePopulator populator = new ResourceDatabasePopulator(
				new ClassPathResource(schemaLocation(this.dialect).substring("classpath:".length())));
		write(() -> {
			populator.execute(this.dataSource);
			return null;
		});
	}

	/**
	 * Runs the schema script when {@code mode} says so, with Spring Boot's
	 * {@link EffectStoreDataSourceScriptDatabaseInitializer} when Boot's JDBC support is present, else directly.
	 * @param mode when to run it
	 * @param defaultSqliteFile whether the store is on the starter's default SQLite file ("embedded")
	 */
	public void initializeSchema(DatabaseInitializationMode mode, boolean defaultSqliteFile) {
		if (BOOT_JDBC_PRESENT) {
			write(() -> BootScripts.initialize(this.dataSource, this.dialect, mode, defaultSqliteFile));
		}
		else if (mode == DatabaseInitializationMode.ALWAYS
				|| (mode == DatabaseInitializationMode.EMBEDDED && defaultSqliteFile)) {
			initializeSchema();
		}
	}

	/**
	 * @param dialect the dialect
	 * @return the location of its schema script
	 */
	public static String schemaLocation(Dialect dialect) {
		return "classpath:io/driftq/idempotent/jdbc/schema-" + dialect.scriptName() + ".sql";
	}

	/**
	 * Creates the index the retention reaper deletes by (finished rows by {@code updated_at}), if missing. Kept out of
	 * the schema script so that an application without retention pays no index write per effect.
	 */
	public void createRetentionIndex() {
		write(() -> {
			this.jdbc.execute(this.queries.createRetentionIndex());
			return null;
		});
	}

	/**
	 * Fails fast when the effect table is missing.
	 * @throws IllegalStateException naming the table and the property that creates it
	 */
	public void verifySchema() {
		try {
			this.jdbc.queryForList("SELECT effect_id, status, fencing_token, lease_until FROM " + TABLE + " WHERE 1 = 0");
		}
		catch (DataAccessException ex) {
			if (DatabaseOutages.isOutage(ex)) {
				throw ex; // the database does not answer: nothing is known about the table yet
			}
			// first line: the property and the fix; the database's own words after it
			throw new EffectStoreConfigurationException("The idempotent effect table '" + TABLE + "' is missing or "
					+ "unusable in the effect store's " + this.dialect.scriptName() + " database: set "
					+ "driftq.effects.jdbc.initialize-schema=always to create it.\nThe database said: "
					+ ex.getMostSpecificCause().getMessage(),
					"Set driftq.effects.jdbc.initialize-schema=always, or create the table with "
							+ "io/driftq/idempotent/jdbc/schema-" + this.dialect.scriptName() + ".sql, the starter's "
							+ "Flyway migrations (driftq.effects.flyway.enabled=true) or its Liquibase changelog "
							+ "io/driftq/idempotent/liquibase/db.changelog-driftq-effects.xml.");
		}
		// the claim is an INSERT ... ON CONFLICT (effect_id): without the key every attempt would "win"
		if (!primaryKeyColumns().contains("effect_id")) {
			throw new IllegalStateException("The idempotent effect table '" + TABLE + "' has no primary key on effect_id: "
					+ "claims would not be exclusive. Recreate it with io/driftq/idempotent/jdbc/schema-"
					+ this.dialect.scriptName() + ".sql");
		}
	}

	/** The archive of finished effects ({@code driftq.effects.retention.completion-mode=archive}). */
	public static final String ARCHIVE_TABLE = "driftq_effect_archive";

	/**
	 * Fails fast when the archive table is missing (checked only when retention archives).
	 * @throws IllegalStateException naming the table and the property that needs it
	 */
	public void verifyArchiveSchema() {
		try {
			this.jdbc.queryForList("SELECT " + EffectStoreQueryProvider.COLUMNS + ", archived_at FROM " + ARCHIVE_TABLE
					+ " WHERE 1 = 0");
		}
		catch (DataAccessException ex) {
			throw new IllegalStateException("The idempotent effect archive table '" + ARCHIVE_TABLE
					+ "' is missing or unusable (" + ex.getMostSpecificCause().getMessage()
					+ "), and driftq.effects.retention.completion-mode=archive needs it. Create it with "
					+ "io/driftq/idempotent/jdbc/schema-" + this.dialect.scriptName()
					+ ".sql (driftq.effects.jdbc.initialize-schema=always), the starter's Flyway migrations or its "
					+ "Liquibase changelog, or set driftq.effects.retention.completion-mode=delete", ex);
		}
	}

	private Set<String> primaryKeyColumns() {
		try {
			return JdbcUtils.extractDatabaseMetaData(this.dataSource, (metaData) -> {
				Set<String> columns = new HashSet<>();
				// the schema the unqualified table name resolves to (PostgreSQL: the search path's first)
				String schema = metaData.getConnection().getSchema();
				for (String table : new String[] { TABLE, TABLE.toUpperCase(Locale.ROOT) }) {
					try (ResultSet keys = metaData.getPrimaryKeys(null, schema, table)) {
						while (keys.next()) {
							columns.add(keys.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
						}
					}
				}
				return columns;
			});
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot read the primary key of the idempotent effect table '" + TABLE + "'",
					ex);
		}
	}

	/**
	 * {@inheritDoc}
	 * @throws EffectStoreUnavailableException when the database cannot be reached (no connection within the pool's
	 * connection timeout, connection refused or broken, statement timeout): the effect has not run
	 */
	@Override
	public ClaimResult claim(EffectKey key, String payloadHash, Duration lease, ExpiredClaimPolicy policy) {
		DeferredSchema schema = this.deferredSchema;
		if (schema != null) {
			schema.ensureDone(key.effectId());
		}
		try {
			return tryClaim(key, payloadHash, lease, policy);
		}
		catch (DataAccessResourceFailureException | TransientDataAccessResourceException | QueryTimeoutException ex) {
			throw new EffectStoreUnavailableException(key.effectId(), "The effect store could not be reached to claim "
					+ "effect '" + key.effectId() + "' (" + ex.getMostSpecificCause().getMessage() + "); the effect did "
					+ "not run, try again later", ex);
		}
	}

	private ClaimResult tryClaim(EffectKey key, String payloadHash, Duration lease, ExpiredClaimPolicy policy) {
		long leaseMillis = lease.toMillis();
		String id = key.effectId();
		for (int round = 0; round < 20; round++) {
			int inserted = write(() -> this.jdbc.update(this.queries.claim(), new Object[] { id, key.runId(), key.stepId(),
					key.businessKey(), leaseMillis, payloadHash }, CLAIM_TYPES));
			if (inserted == 1) {
				return new ClaimResult(ClaimResult.Kind.ACQUIRED, null, 1, 1);
			}
			EffectRecord row = find(id).orElse(null);
			if (row == null) {
				continue;
			}
			if (!row.payloadHash().equals(payloadHash)) {
				return new ClaimResult(ClaimResult.Kind.PAYLOAD_MISMATCH, row, 0, 0);
			}
			switch (row.status()) {
				case SUCCEEDED:
					return new ClaimResult(ClaimResult.Kind.SUCCEEDED, row, 0, 0);
				case FAILED:
					return new ClaimResult(ClaimResult.Kind.FAILED, row, 0, 0);
				case UNKNOWN:
					return new ClaimResult(ClaimResult.Kind.UNKNOWN, row, 0, 0);
				case CLAIMED:
				default:
					break;
			}
			if (row.leaseUntil() == null) {
				if (takeOver(row, leaseMillis, false)) {
					return new ClaimResult(ClaimResult.Kind.REACQUIRED, row, row.fencingToken() + 1, row.attempts() + 1);
				}
				continue;
			}
			if (!row.leaseExpired()) {
				return new ClaimResult(ClaimResult.Kind.IN_PROGRESS, row, 0, 0);
			}
			if (policy != ExpiredClaimPolicy.MARK_UNKNOWN) {
				// RERUN and RECONCILE both take the claim over; the template asks the reconciler
				if (takeOver(row, leaseMillis, true)) {
					return new ClaimResult(ClaimResult.Kind.TAKEN_OVER, row, row.fencingToken() + 1, row.attempts() + 1);
				}
				continue;
			}
			int parked = write(() -> this.jdbc.update(this.queries.parkUnknown(),
					"claim of attempt " + row.attempts() + " expired without completion", id, row.fencingToken()));
			if (parked == 1) {
				return new ClaimResult(ClaimResult.Kind.UNKNOWN, row, 0, 0);
			}
		}
		throw new IllegalStateException("Could not claim effect '" + id + "': too much contention");
	}

	private boolean takeOver(EffectRecord row, long leaseMillis, boolean expired) {
		return write(() -> this.jdbc.update(this.queries.takeOver(expired), leaseMillis, row.effectId(),
				row.fencingToken())) == 1;
	}

	@Override
	public void succeed(String effectId, long fencingToken, String resultJson) {
		complete(effectId, fencingToken, EffectStatus.SUCCEEDED, resultJson, null);
	}

	@Override
	public void fail(String effectId, long fencingToken, String error) {
		complete(effectId, fencingToken, EffectStatus.FAILED, null, error);
	}

	/**
	 * {@inheritDoc}
	 * <p>The completion joins the local transaction (it is the only bookkeeping that does).
	 */
	@Override
	public void succeedInLocalTransaction(String effectId, long fencingToken, String resultJson) {
		int updated = this.jdbc.update(this.queries.complete(),
				new Object[] { EffectStatus.SUCCEEDED.name(), resultJson, null, effectId, fencingToken }, COMPLETE_TYPES);
		if (updated == 0) {
			throw leaseLost(effectId, fencingToken, EffectStatus.SUCCEEDED);
		}
	}

	@Override
	public void markUnknown(String effectId, long fencingToken, String reason) {
		complete(effectId, fencingToken, EffectStatus.UNKNOWN, null, reason);
	}

	@Override
	public boolean renew(String effectId, long fencingToken, Duration lease) {
		return write(() -> this.jdbc.update(this.queries.renew(), lease.toMillis(), effectId, fencingToken)) == 1;
	}

	private void complete(String effectId, long fencingToken, EffectStatus status, String result, String error) {
		// typed parameters: a null of unknown type makes Spring ask the driver for parameter metadata, which costs
		// PostgreSQL an extra round trip per completion
		int updated = write(() -> this.jdbc.update(this.queries.complete(),
				new Object[] { status.name(), result, error, effectId, fencingToken }, COMPLETE_TYPES));
		if (updated == 0) {
			throw leaseLost(effectId, fencingToken, status);
		}
	}

	private static EffectLeaseLostException leaseLost(String effectId, long fencingToken, EffectStatus status) {
		return new EffectLeaseLostException(effectId, "Effect '" + effectId + "' is no longer claimed with fencing token "
				+ fencingToken + " (lease expired and taken over, or resolved); completion as " + status + " rejected");
	}

	@Override
	public boolean expireLease(String effectId) {
		return write(() -> this.jdbc.update(this.queries.expireLease(), effectId)) == 1;
	}

	@Override
	public boolean release(String effectId, long fencingToken) {
		return write(() -> this.jdbc.update(this.queries.release(), effectId, fencingToken)) == 1;
	}

	@Override
	public Optional<EffectRecord> find(String effectId) {
		return read(() -> this.jdbc.query(select() + " WHERE effect_id = ?", this.rowMapper, effectId).stream().findFirst());
	}

	@Override
	public List<EffectRecord> findByStatus(EffectStatus status, int limit) {
		return read(() -> this.jdbc.query(select() + " WHERE status = ? ORDER BY updated_at LIMIT ?", this.rowMapper,
				status.name(), limit));
	}

	@Override
	public boolean forceRelease(String effectId) {
		return write(() -> this.jdbc.update(this.queries.forceRelease(), effectId)) == 1;
	}

	@Override
	public boolean resolveSucceeded(String effectId, String resultJson) {
		return write(() -> this.jdbc.update(this.queries.resolveSucceeded(), resultJson, effectId)) == 1;
	}

	@Override
	public int deleteCompletedOlderThan(Duration ttl, int batchSize) {
		int total = 0;
		while (true) {
			int deleted = write(() -> this.jdbc.update(this.queries.deleteFinishedBatch(), ttl.toMillis(), batchSize));
			total += deleted;
			if (deleted < batchSize) {
				return total;
			}
		}
	}

	/**
	 * {@inheritDoc}
	 * <p>Each batch is one transaction. PostgreSQL: one statement, {@code DELETE ... RETURNING} feeding an
	 * {@code INSERT} (a CTE), the batch selected {@code FOR UPDATE SKIP LOCKED} so that reapers on several nodes take
	 * disjoint batches. SQLite: {@code INSERT ... SELECT} then {@code DELETE} of the same batch (one cutoff, ordered by
	 * effect id), under the store's write lock and the database's single writer; a batch whose two counts differ is
	 * rolled back.
	 */
	@Override
	public int archiveCompletedOlderThan(Duration ttl, int batchSize) {
		long ttlMillis = ttl.toMillis();
		int total = 0;
		while (true) {
			Integer moved = locked(() -> this.transactions.execute((status) -> archiveBatch(ttlMillis, batchSize)));
			total += (moved != null) ? moved : 0;
			if (moved == null || moved < batchSize) {
				return total;
			}
		}
	}

	private int archiveBatch(long ttlMillis, int batchSize) {
		String oneStatement = this.queries.archiveBatch();
		if (oneStatement != null) {
			return this.jdbc.update(oneStatement, ttlMillis, batchSize);
		}
		Long now = this.jdbc.queryForObject(this.queries.selectNow(), Long.class);
		long cutoff = now - ttlMillis;
		int copied = this.jdbc.update(this.queries.copyBatchToArchive(), now, cutoff, batchSize);
		int deleted = this.jdbc.update(this.queries.deleteArchivedBatch(), cutoff, batchSize);
		if (copied != deleted) {
			throw new IllegalStateException("Archiving finished effects copied " + copied + " rows but deleted " + deleted
					+ "; the batch was rolled back");
		}
		return deleted;
	}

	@Override
	public <T> T inLocalTransaction(Supplier<T> work) {
		return locked(() -> {
			checkNoSqliteWriterOnThisThread();
			try {
				return this.transactions.execute((status) -> work.get());
			}
			catch (RuntimeException ex) {
				throw explainSelfDeadlock(ex);
			}
		});
	}

	@Override
	public List<String> foreignTransactionResources() {
		return ForeignTransactionResources.find(this.dataSource);
	}

	private String select() {
		return this.queries.select();
	}

	private EffectRecord mapRow(ResultSet rs, int rowNum) throws SQLException {
		long leaseUntil = rs.getLong("lease_until");
		Long lease = rs.wasNull() ? null : leaseUntil;
		return new EffectRecord(rs.getString("effect_id"), rs.getString("run_id"), rs.getString("step_id"),
				rs.getString("business_key"), EffectStatus.valueOf(rs.getString("status")), rs.getLong("fencing_token"),
				lease, rs.getInt("attempts"), rs.getString("payload_hash"), rs.getString("result"),
				rs.getString("error"), rs.getLong("created_at"), rs.getLong("updated_at"),
				rs.getInt("lease_expired") == 1, rs.getLong("lease_remaining"));
	}

	/** A write: serialized on SQLite, retried there when busy, and never part of a caller's transaction. */
	private <T> T write(Supplier<T> work) {
		if (this.writeLock == null) {
			return outsideCallerTransaction(work);
		}
		return locked(() -> this.busyRetry.invoke(() -> outsideCallerTransaction(work)));
	}

	/**
	 * A read. Outside a caller's transaction it needs nothing. Inside one, on SQLite, it is handled as a write: its
	 * transaction of its own begins {@code IMMEDIATE} on the default DataSource, so it takes the write lock too.
	 */
	private <T> T read(Supplier<T> work) {
		if (this.writeLock != null && TransactionSynchronizationManager.isSynchronizationActive()) {
			return write(work);
		}
		return outsideCallerTransaction(work);
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
	 * Runs bookkeeping on a connection and in a transaction of its own when the thread has a transaction (or
	 * synchronization) that would otherwise absorb it: a claim made inside a caller's transaction would not be durable
	 * before the effect runs, and would roll back with the caller. Without one (the common case), a statement
	 * auto-commits on a connection of its own anyway.
	 */
	private <T> T outsideCallerTransaction(Supplier<T> work) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return work.get();
		}
		checkNoSqliteWriterOnThisThread();
		try {
			return this.transactions.execute((status) -> work.get());
		}
		catch (RuntimeException ex) {
			throw explainSelfDeadlock(ex);
		}
	}

	private void checkNoSqliteWriterOnThisThread() {
		if (this.sqliteWriteGuard != null) {
			this.sqliteWriteGuard.checkNoWriterOnThisThread();
		}
	}

	private RuntimeException explainSelfDeadlock(RuntimeException ex) {
		return (this.sqliteWriteGuard != null) ? this.sqliteWriteGuard.explainSelfDeadlock(ex) : ex;
	}

	/**
	 * @return how many effect store writes were retried after {@code SQLITE_BUSY}/{@code SQLITE_LOCKED} (SQLite only)
	 */
	public long getBusyRetries() {
		return this.busyRetries.get();
	}

	/**
	 * The supported databases.
	 */
	public enum Dialect {

		/** SQLite 3.24+ (ON CONFLICT). */
		SQLITE("sqlite"),

		/** PostgreSQL 9.5+. */
		POSTGRESQL("postgresql");

		private final String scriptName;

		Dialect(String scriptName) {
			this.scriptName = scriptName;
		}

		/**
		 * @return SQL for "now" in epoch millis on the database clock ({@link EffectStoreQueryProvider#now()})
		 */
		public String now() {
			return EffectStoreQueryProvider.of(this).now();
		}

		/**
		 * @return the schema script suffix
		 */
		public String scriptName() {
			return this.scriptName;
		}

		/**
		 * Detects the dialect of a data source.
		 * @param dataSource the data source
		 * @return the dialect
		 */
		public static Dialect detect(DataSource dataSource) {
			// from the pool's JDBC URL when it has one: no connection needed, so a database that is down at
			// startup does not stop the application from starting
			Dialect fromUrl = fromUrl(jdbcUrl(dataSource));
			if (fromUrl != null) {
				return fromUrl;
			}
			String product;
			try {
				product = JdbcUtils.extractDatabaseMetaData(dataSource, (metaData) -> metaData.getDatabaseProductName());
			}
			catch (Exception ex) {
				throw new IllegalStateException("Cannot detect the database of the idempotent effect store", ex);
			}
			if (product != null && product.toLowerCase().contains("sqlite")) {
				return SQLITE;
			}
			if (product != null && product.toLowerCase().contains("postgres")) {
				return POSTGRESQL;
			}
			throw new IllegalStateException("Unsupported database for the idempotent effect store: " + product
					+ " (supported: SQLite, PostgreSQL)");
		}

		static Dialect fromUrl(String jdbcUrl) {
			if (jdbcUrl == null) {
				return null;
			}
			if (jdbcUrl.startsWith("jdbc:sqlite:")) {
				return SQLITE;
			}
			if (jdbcUrl.startsWith("jdbc:postgresql:")) {
				return POSTGRESQL;
			}
			return null;
		}

		/** {@code getJdbcUrl()} (HikariCP) or {@code getUrl()} (Commons DBCP2, the drivers' own data sources). */
		private static String jdbcUrl(DataSource dataSource) {
			for (String name : new String[] { "getJdbcUrl", "getUrl" }) {
				try {
					java.lang.reflect.Method method = dataSource.getClass().getMethod(name);
					if (String.class.equals(method.getReturnType())) {
						return (String) method.invoke(dataSource);
					}
				}
				catch (ReflectiveOperationException | RuntimeException ex) {
					// not this kind of data source
				}
			}
			return null;
		}

	}

	/** Touches spring-boot-jdbc only when it is present (it is optional). */
	private static final class BootScripts {

		static boolean initialize(DataSource dataSource, Dialect dialect, DatabaseInitializationMode mode,
				boolean defaultSqliteFile) {
			return new EffectStoreDataSourceScriptDatabaseInitializer(dataSource, dialect, mode, defaultSqliteFile)
				.initializeDatabase();
		}

	}

}
