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

import io.driftq.idempotent.jdbc.PostgresEffectStoreTests.PostgresSchema;

/**
 * The crash-point kit on PostgreSQL, in a schema of its own.
 */
class PostgresCrashPointTests extends CrashPointContractTests {

	private PostgresSchema schema;

	@Override
	protected DataSource createDataSource() {
		this.schema = PostgresSchema.create("crash_points");
		return this.schema.dataSource(4);
	}

	@Override
	protected void dropDatabase() throws Exception {
		if (this.schema != null) {
			this.schema.drop();
		}
	}

}
