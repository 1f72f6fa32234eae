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

package io.driftq.demo.config;

import java.time.Duration;

import javax.sql.DataSource;

import io.driftq.idempotent.jdbc.DatabaseOutages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.jdbc.autoconfigure.ApplicationDataSourceScriptDatabaseInitializer;
import org.springframework.boot.sql.autoconfigure.init.SqlInitializationProperties;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

/**
 * Boot's {@code spring.sql.init} (the run tables of {@code schema.sql}), except that a
 * database that does not answer at startup does not stop the process: the script is run
 * again in the background until the database answers. Meanwhile the health endpoint says
 * DOWN (Boot's {@code db} indicator), the API answers 503 and a worker's commands are
 * deferred (the binder's {@code deferred-exceptions}), so nothing crash-loops and nothing
 * is spent. A failure that is not an outage (a bad script) still fails startup.
 */
final class WaitForDatabaseSchemaInitializer extends ApplicationDataSourceScriptDatabaseInitializer {

	private static final Logger logger = LoggerFactory.getLogger(WaitForDatabaseSchemaInitializer.class);

	private static final Duration RETRY_EVERY = Duration.ofSeconds(2);

	WaitForDatabaseSchemaInitializer(DataSource dataSource, SqlInitializationProperties properties) {
		super(dataSource, properties);
	}

	@Override
	public void afterPropertiesSet() {
		try {
			initializeOrJoinAConcurrentOne();
		}
		catch (RuntimeException ex) {
			if (!DatabaseOutages.isOutage(ex)) {
				throw ex;
			}
			logger.warn("The database does not answer at startup ({}); starting anyway and running the schema script"
					+ " when it answers (retried every {} s)", ex.getMessage(), RETRY_EVERY.toSeconds());
			Thread retry = new Thread(this::initializeWhenAvailable, "schema-init-when-database-answers");
			retry.setDaemon(true);
			retry.start();
		}
	}

	/**
	 * API and workers often start together on a fresh database: the loser of the CREATE
	 * race runs it again.
	 */
	private void initializeOrJoinAConcurrentOne() {
		try {
			initializeDatabase();
		}
		catch (RuntimeException ex) {
			if (!DatabaseOutages.isConcurrentSchemaCreation(ex)) {
				throw ex;
			}
			initializeDatabase();
		}
	}

	private void initializeWhenAvailable() {
		RetryTemplate retry = new RetryTemplate(RetryPolicy.builder()
			.maxRetries(Long.MAX_VALUE)
			.delay(RETRY_EVERY)
			.predicate(DatabaseOutages::isOutage)
			.build());
		try {
			retry.execute(() -> {
				initializeOrJoinAConcurrentOne();
				return null;
			});
			logger.info("The database answers: the schema script has run");
		}
		catch (RetryException ex) {
			logger.error("The schema script failed once the database answered", ex.getCause());
		}
	}

}
