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

import java.sql.ResultSet;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import javax.sql.DataSource;

import io.driftq.idempotent.EffectStoreConfigurationException;

import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.util.ClassUtils;

/**
 * The effect store's tables: creating them from the platform's schema script, and failing
 * fast (naming the property and the fix) when they are missing or the effect table has no
 * primary key on {@code effect_id}.
 */
final class EffectStoreSchema {

	private static final boolean BOOT_JDBC_PRESENT = ClassUtils.isPresent(
			"org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer",
			EffectStoreSchema.class.getClassLoader());

	private static final String TABLE = JdbcEffectStore.TABLE;

	private static final String ARCHIVE_TABLE = JdbcEffectStore.ARCHIVE_TABLE;

	private final DataSource dataSource;

	private final JdbcTemplate jdbc;

	private final Dialect dialect;

	private final EffectStoreTransactions transactions;

	EffectStoreSchema(DataSource dataSource, JdbcTemplate jdbc, Dialect dialect, EffectStoreTransactions transactions) {
		this.dataSource = dataSource;
		this.jdbc = jdbc;
		this.dialect = dialect;
		this.transactions = transactions;
	}

	/** Runs the dialect's schema script ({@code CREATE TABLE IF NOT EXISTS}). */
	void initialize() {
		ResourceDatabasePopulator populator = new ResourceDatabasePopulator(
				new ClassPathResource(JdbcEffectStore.schemaLocation(this.dialect).substring("classpath:".length())));
		againAfterConcurrentCreation(() -> this.transactions.write(() -> {
			populator.execute(this.dataSource);
			return null;
		}));
	}

	/**
	 * Runs the schema script when {@code mode} says so, with Spring Boot's
	 * {@link EffectStoreDataSourceScriptDatabaseInitializer} when Boot's JDBC support is
	 * present, else directly.
	 */
	void initialize(DatabaseInitializationMode mode, boolean defaultSqliteFile) {
		if (BOOT_JDBC_PRESENT) {
			againAfterConcurrentCreation(() -> this.transactions
				.write(() -> BootScripts.initialize(this.dataSource, this.dialect, mode, defaultSqliteFile)));
		}
		else if (mode == DatabaseInitializationMode.ALWAYS
				|| (mode == DatabaseInitializationMode.EMBEDDED && defaultSqliteFile)) {
			initialize();
		}
	}

	/**
	 * Runs {@code script} again when it lost a race with another instance creating the
	 * same tables: PostgreSQL's {@code CREATE TABLE IF NOT EXISTS} is not safe against a
	 * concurrent one (a unique violation on its catalog, SQL state 23505, or 42P07 /
	 * 42710), and instances of one application often start together. The second run finds
	 * the tables made.
	 */
	private static void againAfterConcurrentCreation(Runnable script) {
		for (int attempt = 1;; attempt++) {
			try {
				script.run();
				return;
			}
			catch (RuntimeException ex) {
				if (attempt >= 3 || !DatabaseOutages.isConcurrentSchemaCreation(ex)) {
					throw ex;
				}
			}
		}
	}

	void verify() {
		try {
			this.jdbc
				.queryForList("SELECT effect_id, status, fencing_token, lease_until FROM " + TABLE + " WHERE 1 = 0");
		}
		catch (DataAccessException ex) {
			if (DatabaseOutages.isOutage(ex)) {
				throw ex; // the database does not answer: nothing is known about the
							// table yet
			}
			// first line: the property and the fix; the database's own words after it
			throw new EffectStoreConfigurationException(
					"The idempotent effect table '" + TABLE + "' is missing or " + "unusable in the effect store's "
							+ this.dialect.scriptName() + " database: set "
							+ "driftq.effects.jdbc.initialize-schema=always to create it.\nThe database said: "
							+ ex.getMostSpecificCause().getMessage(),
					"Set driftq.effects.jdbc.initialize-schema=always, or create the table with "
							+ "io/driftq/idempotent/jdbc/schema-" + this.dialect.scriptName() + ".sql, the starter's "
							+ "Flyway migrations (driftq.effects.flyway.enabled=true) or its Liquibase changelog "
							+ "io/driftq/idempotent/liquibase/db.changelog-driftq-effects.xml.");
		}
		// the claim is an INSERT ... ON CONFLICT (effect_id): without the key every
		// attempt would "win"
		if (!primaryKeyColumns().contains("effect_id")) {
			throw new IllegalStateException(
					"The idempotent effect table '" + TABLE + "' has no primary key on effect_id: "
							+ "claims would not be exclusive. Recreate it with io/driftq/idempotent/jdbc/schema-"
							+ this.dialect.scriptName() + ".sql");
		}
	}

	void verifyArchive() {
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
				// the schema the unqualified table name resolves to (PostgreSQL: the
				// search path's first)
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
			throw new IllegalStateException(
					"Cannot read the primary key of the idempotent effect table '" + TABLE + "'", ex);
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
