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

import java.nio.file.Path;
import java.time.Duration;

import javax.sql.DataSource;

import org.junit.jupiter.api.io.TempDir;

/**
 * The starter's migrations on SQLite files.
 */
class SqliteEffectMigrationTests extends EffectMigrationTests {

	@TempDir
	static Path directory;

	@Override
	protected DataSource createDatabase(String name) {
		return SqliteDataSources.create(directory.resolve(name + ".sqlite"), Duration.ofSeconds(10), 4);
	}

	@Override
	protected String vendor() {
		return "sqlite";
	}

}
