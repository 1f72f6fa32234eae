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
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import io.driftq.idempotent.jdbc.SqliteDataSources;

/**
 * The crash tests on a SQLite file shared by the killed child and this JVM.
 */
class SqliteEffectCrashTests extends EffectCrashTests {

	private Path file;

	@Override
	protected DataSource createDataSource(Path directory) {
		this.file = directory.resolve("effects.sqlite");
		return SqliteDataSources.create(this.file, Duration.ofSeconds(10), 4);
	}

	@Override
	protected List<String> childDatabaseArguments() {
		return List.of("--sqlite=" + this.file);
	}

}
