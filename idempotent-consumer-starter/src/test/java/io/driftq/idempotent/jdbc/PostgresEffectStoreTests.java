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
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.driftq.idempotent.autoconfigure.IdempotentEffectAutoConfiguration;
import io.driftq.test.RequiredService;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The effect contract on PostgreSQL ({@code DRIFTQ_TEST_POSTGRES_URL}, {@code _USER},
 * {@code _PASSWORD}), in a schema of its own.
 */
class PostgresEffectStoreTests extends EffectStoreContractTests {

	private PostgresSchema schema;

	@Override
	protected DataSource createDataSource() {
		this.schema = PostgresSchema.create("effects");
		return this.schema.dataSource(40);
	}

	@Test
	void autoConfigurationUsesTheApplicationPostgresDataSource() {
		// not AutoCloseable, so closing the context leaves the shared pool open
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(IdempotentEffectAutoConfiguration.class))
			.withBean(DataSource.class, () -> new DelegatingDataSource(dataSource()))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				JdbcEffectStore store = context.getBean(JdbcEffectStore.class);
				assertThat(store.getDialect()).isEqualTo(Dialect.POSTGRESQL);
				assertThat(store.getDataSource()).isSameAs(context.getBean(DataSource.class));
			});
	}

	@Override
	protected void dropDatabase() throws Exception {
		if (this.schema != null) {
			this.schema.drop();
		}
	}

	/**
	 * A throwaway schema in the test PostgreSQL database.
	 *
	 * @param baseUrl the server URL from the environment
	 * @param user the user
	 * @param password the password
	 * @param name the schema name
	 */
	record PostgresSchema(String baseUrl, String user, String password, String name) {

		static PostgresSchema create(String prefix) {
			String url = System.getenv("DRIFTQ_TEST_POSTGRES_URL");
			if (url == null || url.isBlank()) {
				throw RequiredService.missing("DRIFTQ_TEST_POSTGRES_URL");
			}
			PostgresSchema schema = new PostgresSchema(url, System.getenv("DRIFTQ_TEST_POSTGRES_USER"),
					System.getenv("DRIFTQ_TEST_POSTGRES_PASSWORD"),
					prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
			schema.execute("CREATE SCHEMA " + schema.name());
			return schema;
		}

		/** A pool on this schema. */
		HikariDataSource dataSource(int poolSize) {
			HikariConfig config = new HikariConfig();
			config.setJdbcUrl(url());
			config.setUsername(this.user);
			config.setPassword(this.password);
			config.setMaximumPoolSize(poolSize);
			return new HikariDataSource(config);
		}

		String url() {
			return this.baseUrl + (this.baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + this.name;
		}

		void drop() {
			execute("DROP SCHEMA IF EXISTS " + this.name + " CASCADE");
		}

		private void execute(String sql) {
			try (Connection connection = DriverManager.getConnection(this.baseUrl, this.user, this.password);
					Statement statement = connection.createStatement()) {
				statement.execute(sql);
			}
			catch (Exception ex) {
				throw new IllegalStateException("Cannot run '" + sql + "' on " + this.baseUrl, ex);
			}
		}

	}

}
