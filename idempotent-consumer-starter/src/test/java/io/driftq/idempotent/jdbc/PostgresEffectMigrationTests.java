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

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.driftq.idempotent.jdbc.PostgresEffectStoreTests.PostgresSchema;

/**
 * The starter's migrations on PostgreSQL ({@code DRIFTQ_TEST_POSTGRES_URL},
 * {@code _USER}, {@code _PASSWORD}), in schemas of this test class, dropped afterwards.
 */
class PostgresEffectMigrationTests extends EffectMigrationTests {

	private final List<PostgresSchema> schemas = new ArrayList<>();

	@Override
	protected DataSource createDatabase(String name) {
		PostgresSchema schema = PostgresSchema.create("migrations_" + name);
		this.schemas.add(schema);
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(schema.url());
		config.setUsername(schema.user());
		config.setPassword(schema.password());
		config.setMaximumPoolSize(4);
		return new HikariDataSource(config);
	}

	@Override
	protected void dropDatabases() {
		this.schemas.forEach(PostgresSchema::drop);
	}

	@Override
	protected String vendor() {
		return "postgresql";
	}

}
