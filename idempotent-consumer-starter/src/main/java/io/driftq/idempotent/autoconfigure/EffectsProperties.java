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
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Configuration of idempotent effects.
 */
@ConfigurationProperties("driftq.effects")
public class EffectsProperties {

	/**
	 * Whether to enable idempotent effects (effect store, template and aspect). When
	 * false, the template and the aspect still exist but run every call unprotected:
	 * nothing is claimed, stored or replayed.
	 */
	private boolean enabled = true;

	/**
	 * Namespace put before the effect id to form the downstream idempotency key
	 * (EffectContext.idempotencyKey()), for example to keep keys of several applications
	 * or environments sharing one downstream account apart. The effect id in the table
	 * does not change.
	 */
	private String idempotencyKeyPrefix = "";

	public String getIdempotencyKeyPrefix() {
		return this.idempotencyKeyPrefix;
	}

	public void setIdempotencyKeyPrefix(String idempotencyKeyPrefix) {
		this.idempotencyKeyPrefix = idempotencyKeyPrefix;
	}

	/**
	 * Default claim lease of an effect; after it an unfinished claim counts as expired.
	 * Lease renewal keeps the claim of a running effect alive however long it runs, so
	 * the lease only bounds how long a crashed attempt blocks its key. Below the DriftQ
	 * binder's default binding lease (30s), so a deferred delivery is held in process.
	 */
	private Duration lease = Duration.ofSeconds(15);

	/**
	 * Largest result (JSON characters) stored for replay; a larger result is not stored
	 * (duplicates get null) and a warning is logged.
	 */
	private int maxResultSize = 65536;

	public int getMaxResultSize() {
		return this.maxResultSize;
	}

	public void setMaxResultSize(int maxResultSize) {
		this.maxResultSize = maxResultSize;
	}

	@NestedConfigurationProperty
	private final EffectJdbcProperties jdbc = new EffectJdbcProperties();

	@NestedConfigurationProperty
	private final EffectSqliteProperties sqlite = new EffectSqliteProperties();

	@NestedConfigurationProperty
	private final EffectRetentionProperties retention = new EffectRetentionProperties();

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

	public EffectJdbcProperties getJdbc() {
		return this.jdbc;
	}

	public EffectSqliteProperties getSqlite() {
		return this.sqlite;
	}

	public EffectRetentionProperties getRetention() {
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
		 * Whether the observation carries the downstream idempotency key
		 * (EffectContext.idempotencyKey(), with the configured prefix) as the
		 * high-cardinality key effect.idempotency_key. Off because the key can be
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
		 * Whether to create and upgrade the effect tables with the starter's Flyway
		 * migrations (classpath:io/driftq/idempotent/flyway/{vendor}) on the effect
		 * store's DataSource, recorded in their own history table, before the schema
		 * check; initialize-schema is then not used. Needs flyway-core (and
		 * flyway-database-postgresql on PostgreSQL).
		 */
		private boolean enabled;

		/**
		 * Schema history table of the starter's migrations, kept apart from the
		 * application's flyway_schema_history so that their versions never clash.
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
	 * Lease renewal of running external effects.
	 */
	public static class Renewal {

		/**
		 * Whether a running external effect's claim is extended every third of its lease,
		 * so an effect that runs longer than its lease is not taken over while it still
		 * works.
		 */
		private boolean enabled = true;

		/**
		 * How long one claim is renewed at most; after that an effect that still runs (or
		 * hangs) lets its claim expire.
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

}
