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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The consumer application without a DataSource: effects on the default SQLite file.
 */
class SqliteConsumerApplicationTests extends ConsumerApplicationTests {

	@DynamicPropertySource
	static void effectDatabase(DynamicPropertyRegistry registry) throws IOException {
		Path directory = Files.createTempDirectory("consumer-app");
		registry.add("driftq.effects.sqlite.path", () -> directory.resolve("effects.sqlite").toString());
		// an application without a DataSource: the module's test classpath has
		// spring-boot-jdbc, Flyway and Liquibase
		// (for the migration tests), which this application does not use
		registry.add("spring.autoconfigure.exclude",
				() -> "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
						+ "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration,"
						+ "org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration");
	}

}
