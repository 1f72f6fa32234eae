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

package io.driftq.idempotent.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.sql.init.DatabaseInitializationMode;

/**
 * Configuration of idempotent effects.
 */
@ConfigurationProperties("driftq.effects")
public class EffectsProperties {

	/**
	 * Whether to enable idempotent effects (effect store, template and aspect). When false, the template and the
	 * aspect still exist but run every call unprotected: nothing is claimed, stored or replayed.
	 */
	private boolean enabled = true;

	/**
	 * Namespace put before the effect id to form the downstream idempotency key (EffectContext.idempotencyKey()), for
	 * example to keep keys of several applications or environments sharing one downstream account apart. The effect
	 * id in the table does not change.
	 */
	private String idempotencyKeyPrefix = "";

	public String getIdempotencyKeyPrefix() {
		return this.idempotencyKeyPrefix;
	}

	public void setIdempotencyKeyPrefix(String idempotencyKeyPrefix) {
		this.idempotencyKeyPrefix = idempotencyKeyPrefix;
	}

	/**
	 * Default claim lease of an effect; after it an unfinished claim counts as expired. Lease renewal keeps the claim
	 * of a running effect alive however long it runs, so the lease only bounds how long a crashed attempt blocks its
	 * key. Below the DriftQ binder's default binding lease (30s), so a deferred delivery is held in process.
	 */
	private Duration lease = Duration.ofSeconds(15);

	/**
	 * Largest result (JSON characters) stored for replay; a larger result is not stored (duplicates get null) and a
	 * warning is logged.
	 */
	private int maxResultSize = 65536;

	public int getMaxResultSize() {
		return this.maxResultSize;
	}

	public void setMaxResultSize(int maxResultSize) {
		this.maxResultSize = maxResultSize;
	}

	private final Jdbc jdbc = new Jdbc();

	private final Sqlite sqlite = new Sqlite();

	private final Retention retention = new Retention();

	private final Renewal leaseRenewal = new Renewal();

	private final Flyway flyway = new Flyway();

	private final Observation observation = new Observation();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getLease() {
		return this.lease;
	}

	public void setLease(Duration lease) {
		this.lease = lease;
	}

	public Jdbc getJdbc() {
		return this.jdbc;
	}

	public Sqlite getSqlite() {
		return this.sqlite;
	}

	public Retention getRetention() {
		return this.retention;
	}

	public Renewal getLeaseRenewal() {
		return this.leaseRenewal;
	}

	public Flyway getFlyway() {
		return this.flyway;
	}

	public Observation getObservation() {
		return this.observation;
	}

	/**
	 * The driftq.effect observation made for every call.
	 */
	public static class Observation {

		/**
		 * Whether the observation carries the downstream idempotency key (EffectContext.idempotencyKey(), with the
		 * configured prefix) as the high-cardinality key effect.idempotency_key. Off because the key can be
		 * sensitive (it reaches a payment provider or another team's API).
		 */
		private boolean idempotencyKey = false;

		public boolean isIdempotencyKey() {
			return this.idempotencyKey;
		}

		public void setIdempotencyKey(boolean idempotencyKey) {
			this.idempotencyKey = idempotencyKey;
		}

	}

	/**
	 * The starter's Flyway migrations, applied with a schema history table of their own.
	 */
	public static class Flyway {

		/**
		 * Whether to create and upgrade the effect tables with the starter's Flyway migrations
		 * (classpath:io/driftq/idempotent/flyway/{vendor}) on the effect store's DataSource, recorded in their own
		 * history table, before the schema check; initialize-schema is then not used. Needs flyway-core (and
		 * flyway-database-postgresql on PostgreSQL).
		 */
		private boolean enabled;

		/**
		 * Schema history table of the starter's migrations, kept apart from the application's
		 * flyway_schema_history so that their versions never clash.
		 */
		private String table = "driftq_effect_schema_history";

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getTable() {
			return this.table;
		}

		public void setTable(String table) {
			this.table = table;
		}

	}

	/**
	 * What the retention reaper does with expired finished effects.
	 */
	public enum CompletionMode {

		/** Delete them. */
		DELETE,

		/** Move them into driftq_effect_archive (copy and delete in one transaction per batch). */
		ARCHIVE

	}

	/**
	 * Lease renewal of running external effects.
	 */
	public static class Renewal {

		/**
		 * Whether a running external effect's claim is extended every third of its lease, so an effect that runs
		 * longer than its lease is not taken over while it still works.
		 */
		private boolean enabled = true;

		/**
		 * How long one claim is renewed at most; after that an effect that still runs (or hangs) lets its claim
		 * expire.
		 */
		private Duration maxDuration = Duration.ofHours(1);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getMaxDuration() {
			return this.maxDuration;
		}

		public void setMaxDuration(Duration maxDuration) {
			this.maxDuration = maxDuration;
		}

	}

	/**
	 * JDBC settings.
	 */
	public static class Jdbc {

		/**
		 * When to create the driftq_effect table with the platform's schema script (Spring Boot's database
		 * initialization modes): embedded (the default SQLite file, or an embedded H2/HSQLDB/Derby), always, never.
		 */
		private DatabaseInitializationMode initializeSchema = DatabaseInitializationMode.EMBEDDED;

		/**
		 * JDBC URL of a dedicated effect database; when unset, the application's DataSource is
		 * used, or the default SQLite file when there is none.
		 */
		private String url;

		/**
		 * How long a claim waits for a connection of the starter's own pools (driftq.effects.jdbc.url, the SQLite
		 * file) before failing with EffectStoreUnavailableException, so that a database that cannot be reached fails
		 * fast instead of holding the caller.
		 */
		private Duration connectionTimeout = Duration.ofSeconds(3);

		/**
		 * User of the dedicated effect database.
		 */
		private String username;

		/**
		 * Password of the dedicated effect database.
		 */
		private String password;

		public DatabaseInitializationMode getInitializeSchema() {
			return this.initializeSchema;
		}

		public void setInitializeSchema(DatabaseInitializationMode initializeSchema) {
			this.initializeSchema = initializeSchema;
		}

		public String getUrl() {
			return this.url;
		}

		public void setUrl(String url) {
			this.url = url;
		}

		public Duration getConnectionTimeout() {
			return this.connectionTimeout;
		}

		public void setConnectionTimeout(Duration connectionTimeout) {
			this.connectionTimeout = connectionTimeout;
		}

		public String getUsername() {
			return this.username;
		}

		public void setUsername(String username) {
			this.username = username;
		}

		public String getPassword() {
			return this.password;
		}

		public void setPassword(String password) {
			this.password = password;
		}

	}

	/**
	 * Default SQLite database (used when the application has no DataSource).
	 */
	public static class Sqlite {

		/**
		 * Database file. When unset: environment variable SIDEFX_DB_PATH, else
		 * ./data/effects.sqlite.
		 */
		private String path;

		/**
		 * How long a connection waits for a write lock held by another process.
		 */
		private Duration busyTimeout = Duration.ofSeconds(10);

		/**
		 * Maximum pooled connections (writes are serialized by the store regardless).
		 */
		private int poolSize = 4;

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

		public Duration getBusyTimeout() {
			return this.busyTimeout;
		}

		public void setBusyTimeout(Duration busyTimeout) {
			this.busyTimeout = busyTimeout;
		}

		public int getPoolSize() {
			return this.poolSize;
		}

		public void setPoolSize(int poolSize) {
			this.poolSize = poolSize;
		}

	}

	/**
	 * Retention of completed effects.
	 */
	public static class Retention {

		/**
		 * How long SUCCEEDED and FAILED rows are kept; unset keeps them forever. CLAIMED and
		 * UNKNOWN rows are never deleted.
		 */
		private Duration ttl;

		/**
		 * How often the reaper runs.
		 */
		private Duration interval = Duration.ofHours(1);

		/**
		 * Rows deleted (or archived) per transaction.
		 */
		private int batchSize = 500;

		/**
		 * What happens to expired SUCCEEDED and FAILED rows: delete, or archive (moved into driftq_effect_archive with
		 * archived_at, copy and delete in one transaction per batch; the table is checked at startup). Either way the
		 * row no longer deduplicates: a duplicate arriving later runs the effect again, so the TTL must exceed the
		 * longest redelivery window.
		 */
		private CompletionMode completionMode = CompletionMode.DELETE;

		public CompletionMode getCompletionMode() {
			return this.completionMode;
		}

		public void setCompletionMode(CompletionMode completionMode) {
			this.completionMode = completionMode;
		}

		public Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(Duration ttl) {
			this.ttl = ttl;
		}

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

		public int getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(int batchSize) {
			this.batchSize = batchSize;
		}

	}

}
