package io.driftq.idempotent.jdbc;

import java.util.List;

import javax.sql.DataSource;

import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;

/**
 * Creates the effect tables with the platform's schema script ({@code CREATE TABLE IF NOT EXISTS}), Spring Boot's
 * way: {@link DatabaseInitializationMode} {@code always}, {@code never}, or {@code embedded}, which here also covers
 * the starter's default SQLite file (Boot counts only H2, HSQLDB and Derby as embedded).
 */
public class EffectStoreDataSourceScriptDatabaseInitializer extends DataSourceScriptDatabaseInitializer {

	private final boolean defaultSqliteFile;

	/**
	 * @param dataSource the effect store's data source
	 * @param dialect its dialect (chooses the script)
	 * @param mode when to run the script
	 * @param defaultSqliteFile whether the data source is the starter's default SQLite file
	 */
	public EffectStoreDataSourceScriptDatabaseInitializer(DataSource dataSource, JdbcEffectStore.Dialect dialect,
			DatabaseInitializationMode mode, boolean defaultSqliteFile) {
		super(dataSource, settings(dialect, mode));
		this.defaultSqliteFile = defaultSqliteFile;
	}

	/**
	 * @param dialect the dialect
	 * @param mode when to run the script
	 * @return settings with the dialect's schema script
	 */
	public static DatabaseInitializationSettings settings(JdbcEffectStore.Dialect dialect,
			DatabaseInitializationMode mode) {
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
