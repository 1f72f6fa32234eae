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

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the starter's Flyway migrations ({@value #LOCATION}) to the effect store's
 * database, recorded in a schema history table of their own.
 *
 * <p>
 * Why a history table of its own: Flyway orders every versioned migration of one history
 * table on a single version line. The starter's versions would share that line with the
 * application's, so they would either clash with the application's own (two {@code V1})
 * or, once the application is past them, count as out-of-order migrations that Flyway
 * refuses to apply unless {@code outOfOrder} is set. With a table of their own the
 * starter's migrations keep their own numbering, and an upgrade of the starter brings its
 * migrations regardless of the application's version. This is how Flyway keeps
 * independent modules in one schema apart (Spring Modulith does the same per module).
 *
 * <p>
 * The history starts from a baseline at version 0, because the schema usually already
 * holds the application's tables. The migrations use {@code CREATE TABLE IF NOT EXISTS},
 * so a table created earlier by the starter's script is adopted.
 */
public final class EffectFlywayMigrations {

	/**
	 * Where the migrations are; {@code {vendor}} is {@code postgresql} or {@code sqlite}
	 * (Spring Boot's vendor ids).
	 */
	public static final String LOCATION = "classpath:io/driftq/idempotent/flyway/{vendor}";

	/** The default schema history table of the starter's migrations. */
	public static final String DEFAULT_TABLE = "driftq_effect_schema_history";

	private EffectFlywayMigrations() {
	}

	/**
	 * Migrates the effect tables.
	 * @param dataSource the effect store's data source
	 * @param dialect its dialect
	 * @param table the schema history table
	 * @return Flyway's result
	 */
	public static MigrateResult migrate(DataSource dataSource, Dialect dialect, String table) {
		return Flyway.configure(EffectFlywayMigrations.class.getClassLoader())
			.dataSource(dataSource)
			.locations(LOCATION.replace("{vendor}", dialect.scriptName()))
			.table(table)
			.baselineOnMigrate(true)
			.baselineVersion("0")
			.baselineDescription("<< driftq effects baseline >>")
			.load()
			.migrate();
	}

}
