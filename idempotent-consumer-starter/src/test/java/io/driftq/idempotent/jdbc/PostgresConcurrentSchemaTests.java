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
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import io.driftq.idempotent.jdbc.PostgresEffectStoreTests.PostgresSchema;
import org.junit.jupiter.api.Test;

import org.springframework.boot.sql.init.DatabaseInitializationMode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Instances of one application starting together on a fresh PostgreSQL schema all create
 * the effect tables: the losers of PostgreSQL's {@code CREATE TABLE IF NOT EXISTS} race
 * (a unique violation on its catalog) run the script again instead of failing to start.
 * Found when the demo's API and worker started at once in CI.
 */
class PostgresConcurrentSchemaTests {

	private static final int INSTANCES = 6;

	@Test
	void instancesStartingTogetherOnAFreshSchemaAllInitializeIt() throws Exception {
		for (int round = 0; round < 5; round++) {
			PostgresSchema schema = PostgresSchema.create("race");
			List<HikariDataSource> pools = new ArrayList<>();
			ExecutorService executor = Executors.newFixedThreadPool(INSTANCES);
			try {
				CyclicBarrier start = new CyclicBarrier(INSTANCES);
				List<Future<?>> instances = new ArrayList<>();
				for (int i = 0; i < INSTANCES; i++) {
					HikariDataSource pool = schema.dataSource(1);
					pools.add(pool);
					instances.add(executor.submit(() -> {
						JdbcEffectStore store = new JdbcEffectStore(pool, Dialect.POSTGRESQL);
						start.await(30, TimeUnit.SECONDS);
						store.initializeSchema(DatabaseInitializationMode.ALWAYS, false);
						store.verifySchema();
						return null;
					}));
				}
				for (Future<?> instance : instances) {
					assertThat(instance).as("round " + round).succeedsWithin(java.time.Duration.ofSeconds(60));
				}
			}
			finally {
				executor.shutdownNow();
				pools.forEach(HikariDataSource::close);
				schema.drop();
			}
		}
	}

}
