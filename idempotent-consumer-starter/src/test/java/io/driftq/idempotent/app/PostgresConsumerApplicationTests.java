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

package io.driftq.idempotent.app;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import io.driftq.idempotent.jdbc.Dialect;
import io.driftq.idempotent.jdbc.JdbcEffectStore;
import io.driftq.test.RequiredService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consumer application with a PostgreSQL DataSource ({@code spring.datasource.*},
 * from {@code DRIFTQ_TEST_POSTGRES_URL}, {@code _USER}, {@code _PASSWORD}) in a schema of
 * its own: the effects share it.
 */
class PostgresConsumerApplicationTests extends ConsumerApplicationTests {

	private static final String URL = System.getenv("DRIFTQ_TEST_POSTGRES_URL");

	private static final String USER = System.getenv("DRIFTQ_TEST_POSTGRES_USER");

	private static final String PASSWORD = System.getenv("DRIFTQ_TEST_POSTGRES_PASSWORD");

	private static final String SCHEMA = "consumer_app_"
			+ UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	@DynamicPropertySource
	static void effectDatabase(DynamicPropertyRegistry registry) throws SQLException {
		if (URL == null || URL.isBlank()) {
			throw RequiredService.missing("PostgreSQL: set DRIFTQ_TEST_POSTGRES_URL, _USER and _PASSWORD");
		}
		execute("CREATE SCHEMA " + SCHEMA);
		registry.add("spring.datasource.url", () -> URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
		registry.add("spring.datasource.username", () -> USER);
		registry.add("spring.datasource.password", () -> PASSWORD);
		registry.add("driftq.effects.jdbc.initialize-schema", () -> "always");
		// the application's DataSource, but not the migration tools on the module's test
		// classpath
		registry.add("spring.autoconfigure.exclude",
				() -> "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration,"
						+ "org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration");
	}

	@AfterAll
	static void dropSchema() throws SQLException {
		if (URL != null && !URL.isBlank()) {
			execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
		}
	}

	@Autowired
	JdbcEffectStore store;

	@Autowired
	javax.sql.DataSource dataSource;

	@Test
	void theEffectsShareTheApplicationsPostgresDataSource() {
		assertThat(this.store.getDialect()).isEqualTo(Dialect.POSTGRESQL);
		assertThat(this.store.getDataSource()).isSameAs(this.dataSource);
	}

	private static void execute(String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
