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

import java.util.List;

import javax.sql.DataSource;

import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;

/**
 * Creates the effect tables with the platform's schema script
 * ({@code CREATE TABLE IF NOT EXISTS}), Spring Boot's way:
 * {@link DatabaseInitializationMode} {@code always}, {@code never}, or {@code embedded},
 * which here also covers the starter's default SQLite file (Boot counts only H2, HSQLDB
 * and Derby as embedded).
 */
public class EffectStoreDataSourceScriptDatabaseInitializer extends DataSourceScriptDatabaseInitializer {

	private final boolean defaultSqliteFile;

	/**
	 * @param dataSource the effect store's data source
	 * @param dialect its dialect (chooses the script)
	 * @param mode when to run the script
	 * @param defaultSqliteFile whether the data source is the starter's default SQLite
	 * file
	 */
	public EffectStoreDataSourceScriptDatabaseInitializer(DataSource dataSource, Dialect dialect,
			DatabaseInitializationMode mode, boolean defaultSqliteFile) {
		super(dataSource, settings(dialect, mode));
		this.defaultSqliteFile = defaultSqliteFile;
	}

	/**
	 * @param dialect the dialect
	 * @param mode when to run the script
	 * @return settings with the dialect's schema script
	 */
	public static DatabaseInitializationSettings settings(Dialect dialect, DatabaseInitializationMode mode) {
		DatabaseInitializationSettings settings = new DatabaseInitializationSettings();
		settings.setSchemaLocations(List.of(JdbcEffectStore.schemaLocation(dialect)));
		settings.setMode(mode);
		return settings;
	}

	@Override
	protected boolean isEmbeddedDatabase() {
		return this.defaultSqliteFile || super.isEmbeddedDatabase();
	}

}
