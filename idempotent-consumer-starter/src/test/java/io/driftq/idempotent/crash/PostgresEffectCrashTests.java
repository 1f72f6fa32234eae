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

package io.driftq.idempotent.crash;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.driftq.test.RequiredService;

/**
 * The crash tests on PostgreSQL ({@code DRIFTQ_TEST_POSTGRES_URL}, {@code _USER},
 * {@code _PASSWORD}), in a schema of their own shared by the killed child and this JVM.
 * Skipped without the URL, failing instead when {@code CI=true}.
 */
class PostgresEffectCrashTests extends EffectCrashTests {

	private String baseUrl;

	private String user;

	private String password;

	private String schema;

	@Override
	protected DataSource createDataSource(Path directory) {
		this.baseUrl = System.getenv("DRIFTQ_TEST_POSTGRES_URL");
		if (this.baseUrl == null || this.baseUrl.isBlank()) {
			throw RequiredService.missing("DRIFTQ_TEST_POSTGRES_URL");
		}
		this.user = System.getenv("DRIFTQ_TEST_POSTGRES_USER");
		this.password = System.getenv("DRIFTQ_TEST_POSTGRES_PASSWORD");
		this.schema = "crash_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		execute("CREATE SCHEMA " + this.schema);
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(schemaUrl());
		config.setUsername(this.user);
		config.setPassword(this.password);
		config.setMaximumPoolSize(4);
		return new HikariDataSource(config);
	}

	@Override
	protected List<String> childDatabaseArguments() {
		return List.of("--jdbc-url=" + schemaUrl(), "--user=" + this.user);
	}

	@Override
	protected Map<String, String> childEnvironment() {
		return (this.password != null) ? Map.of(CrashingEffectMain.PASSWORD_VARIABLE, this.password) : Map.of();
	}

	@Override
	protected void dropDatabase() {
		if (this.schema != null) {
			execute("DROP SCHEMA IF EXISTS " + this.schema + " CASCADE");
		}
	}

	private String schemaUrl() {
		return this.baseUrl + (this.baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + this.schema;
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
