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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import io.driftq.idempotent.EffectContext;
import io.driftq.idempotent.IdempotentEffect;
import io.driftq.idempotent.autoconfigure.EffectRetentionProperties.CompletionMode;
import io.driftq.idempotent.autoconfigure.EffectRetentionReaper;
import io.driftq.idempotent.autoconfigure.IdempotentEffectAutoConfiguration;
import liquibase.integration.spring.SpringLiquibase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.support.JdbcUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's Flyway migrations and Liquibase changelog, run by Spring Boot's own
 * Flyway and Liquibase auto-configuration next to an application's migrations, on a real
 * database of each subclass's kind. Each test gets fresh databases from
 * {@link #database(String)}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EffectMigrationTests {

	private final List<AutoCloseable> closeables = new ArrayList<>();

	/**
	 * An empty database of its own (a SQLite file, a PostgreSQL schema).
	 * @param name a name unique in the test class
	 * @return its data source
	 */
	protected abstract DataSource createDatabase(String name) throws Exception;

	/**
	 * Drops what {@link #createDatabase} created.
	 */
	protected void dropDatabases() throws Exception {
	}

	/** The vendor id Spring Boot puts in place of {@code {vendor}}. */
	protected abstract String vendor();

	private DataSource database(String name) throws Exception {
		DataSource dataSource = createDatabase(name);
		if (dataSource instanceof AutoCloseable closeable) {
			this.closeables.add(closeable);
		}
		return dataSource;
	}

	@AfterAll
	void closeDatabases() throws Exception {
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
		dropDatabases();
	}

	private ApplicationContextRunner runner(DataSource dataSource, Class<?> migrationAutoConfiguration) {
		// not AutoCloseable, so closing the context leaves the test's pool open
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(migrationAutoConfiguration, AopAutoConfiguration.class,
					IdempotentEffectAutoConfiguration.class))
			.withBean(DataSource.class, () -> new DelegatingDataSource(dataSource))
			.withBean(Charger.class, Charger::new)
			.withPropertyValues("driftq.effects.jdbc.initialize-schema=never", "driftq.effects.retention.ttl=P30D",
					"driftq.effects.retention.completion-mode=archive");
	}

	@Test
	void flywayCreatesTheEffectTablesNextToTheApplicationsMigrations() throws Exception {
		DataSource dataSource = database("flyway_app");
		runner(dataSource, FlywayAutoConfiguration.class)
			.withPropertyValues("spring.flyway.locations=classpath:db/driftq-test-app/{vendor}",
					"driftq.effects.flyway.enabled=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				// the store (and its schema check and migrations) waits for the
				// application's Flyway
				assertThat(dependsOn(context, "driftqEffectStore")).contains("flywayInitializer");
				assertThat(context.getBean(EffectRetentionReaper.class).getMode()).isEqualTo(CompletionMode.ARCHIVE);
				chargeOnceAndReplay(context);
			});
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		// Spring Boot resolved {vendor} to this database's folder
		assertThat(
				jdbc.queryForList(
						"SELECT script FROM flyway_schema_history WHERE success = "
								+ ("sqlite".equals(vendor()) ? "1" : "TRUE") + " ORDER BY installed_rank",
						String.class))
			.containsExactly("V1__app_order.sql");
		assertThat(jdbc.queryForList("SELECT version FROM driftq_effect_schema_history ORDER BY installed_rank",
				String.class))
			.containsExactly("0", "1", "2");
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM app_order", Integer.class)).isZero();
		// a restart finds nothing to migrate
		runner(dataSource, FlywayAutoConfiguration.class)
			.withPropertyValues("spring.flyway.locations=classpath:db/driftq-test-app/{vendor}",
					"driftq.effects.flyway.enabled=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(Charger.class).charge("run-1", "order-1")).isEqualTo("charged order-1 #1");
				assertThat(context.getBean(Charger.class).calls()).isZero();
			});
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM driftq_effect_schema_history", Integer.class))
			.isEqualTo(3);
	}

	@Test
	void liquibaseCreatesTheEffectTablesFromTheIncludedChangelog() throws Exception {
		DataSource dataSource = database("liquibase_app");
		runner(dataSource, LiquibaseAutoConfiguration.class)
			.withPropertyValues("spring.liquibase.change-log=classpath:db/driftq-test-app/changelog-master.yaml")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(dependsOn(context, "driftqEffectStore")).contains("liquibase");
				chargeOnceAndReplay(context);
			});
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		assertThat(jdbc.queryForList("SELECT id FROM databasechangelog ORDER BY orderexecuted", String.class))
			.containsExactly("app-order-1", "driftq-effect-1", "driftq-effect-archive-2");
		assertThat(jdbc.queryForList("SELECT exectype FROM databasechangelog", String.class)).containsOnly("EXECUTED");
	}

	@Test
	void migratedSchemaIsTheScriptSchema() throws Exception {
		DataSource script = database("by_script");
		new JdbcEffectStore(script).initializeSchema();
		DataSource flyway = database("by_flyway");
		EffectFlywayMigrations.migrate(flyway, Dialect.detect(flyway), EffectFlywayMigrations.DEFAULT_TABLE);
		DataSource liquibase = database("by_liquibase");
		liquibase(liquibase);
		Map<String, Object> expected = describe(script);
		assertThat(expected).containsKeys("driftq_effect", "driftq_effect_archive");
		assertThat(expected.get("driftq_effect")).asString()
			.contains("primaryKey=[effect_id]", "1 effect_id VARCHAR(200) NOT NULL", "7 lease_until ",
					"13 updated_at ");
		assertThat(expected.get("driftq_effect_archive")).asString()
			.contains("primaryKey=[effect_id, created_at]", "13 updated_at ", "14 archived_at ");
		assertThat(describe(flyway)).isEqualTo(expected);
		assertThat(describe(liquibase)).isEqualTo(expected);
		for (DataSource migrated : List.of(flyway, liquibase)) {
			JdbcEffectStore store = new JdbcEffectStore(migrated);
			store.verifySchema();
			store.verifyArchiveSchema();
		}
	}

	@Test
	void migrationsAdoptTablesTheScriptCreatedEarlier() throws Exception {
		DataSource dataSource = database("adopted");
		JdbcEffectStore store = new JdbcEffectStore(dataSource);
		store.initializeSchema();
		Map<String, Object> expected = describe(dataSource);
		EffectFlywayMigrations.migrate(dataSource, store.getDialect(), EffectFlywayMigrations.DEFAULT_TABLE);
		liquibase(dataSource);
		assertThat(describe(dataSource)).isEqualTo(expected);
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		assertThat(jdbc.queryForList("SELECT exectype FROM databasechangelog", String.class)).containsOnly("MARK_RAN");
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM driftq_effect_schema_history", Integer.class))
			.isEqualTo(3);
	}

	private static void liquibase(DataSource dataSource) throws Exception {
		SpringLiquibase liquibase = new SpringLiquibase();
		liquibase.setDataSource(dataSource);
		liquibase.setChangeLog("classpath:io/driftq/idempotent/liquibase/db.changelog-driftq-effects.xml");
		liquibase.setResourceLoader(new DefaultResourceLoader());
		liquibase.afterPropertiesSet();
	}

	private static List<String> dependsOn(ConfigurableApplicationContext context, String bean) {
		String[] dependsOn = context.getBeanFactory().getBeanDefinition(bean).getDependsOn();
		return (dependsOn != null) ? List.of(dependsOn) : List.of();
	}

	private static void chargeOnceAndReplay(ConfigurableApplicationContext context) {
		Charger charger = context.getBean(Charger.class);
		assertThat(charger.charge("run-1", "order-1")).isEqualTo("charged order-1 #1");
		assertThat(charger.charge("run-1", "order-1")).isEqualTo("charged order-1 #1");
		assertThat(charger.calls()).isEqualTo(1);
	}

	/**
	 * The effect tables as the database describes them: columns in order (name, type,
	 * size, nullability), primary key columns in key order and, on PostgreSQL, the
	 * constraint definitions.
	 */
	private static Map<String, Object> describe(DataSource dataSource) throws Exception {
		Map<String, Object> tables = new TreeMap<>();
		for (String table : List.of(JdbcEffectStore.TABLE, JdbcEffectStore.ARCHIVE_TABLE)) {
			Map<String, Object> description = JdbcUtils.extractDatabaseMetaData(dataSource, (metaData) -> {
				String schema = metaData.getConnection().getSchema();
				List<String> columns = new ArrayList<>();
				try (ResultSet rs = metaData.getColumns(null, schema, table, null)) {
					while (rs.next()) {
						columns.add(rs.getInt("ORDINAL_POSITION") + " " + rs.getString("COLUMN_NAME") + " "
								+ rs.getString("TYPE_NAME").toUpperCase(Locale.ROOT) + "(" + rs.getInt("COLUMN_SIZE")
								+ ") " + ((rs.getInt("NULLABLE") == java.sql.DatabaseMetaData.columnNoNulls)
										? "NOT NULL" : "NULL"));
					}
				}
				Map<Integer, String> key = new TreeMap<>();
				try (ResultSet rs = metaData.getPrimaryKeys(null, schema, table)) {
					while (rs.next()) {
						key.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
					}
				}
				Map<String, Object> result = new LinkedHashMap<>();
				result.put("columns", columns);
				result.put("primaryKey", List.copyOf(key.values()));
				return result;
			});
			if (!((List<?>) description.get("columns")).isEmpty()) {
				if (Dialect.detect(dataSource) == Dialect.POSTGRESQL) {
					description.put("constraints", new JdbcTemplate(dataSource).queryForList(
							"SELECT CAST(contype AS TEXT) || ' ' || pg_get_constraintdef(oid) FROM pg_constraint "
									+ "WHERE conrelid = CAST(CAST(? AS TEXT) AS regclass) ORDER BY 1",
							String.class, table));
				}
				tables.put(table, description);
			}
		}
		return tables;
	}

	public static class Charger {

		private int calls;

		public int calls() {
			return this.calls;
		}

		@IdempotentEffect(step = "charge", run = "#run", businessKey = "#order")
		public String charge(String run, String order) {
			this.calls++;
			return "charged " + order + " #" + EffectContext.current().attempt();
		}

	}

}
