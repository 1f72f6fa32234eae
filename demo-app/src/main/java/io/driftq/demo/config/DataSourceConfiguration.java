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

import io.driftq.idempotent.jdbc.SqliteDataSources;
import org.apache.commons.dbcp2.BasicDataSource;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The application's DataSource: the SQLite file {@code SIDEFX_DB_PATH} unless
 * {@code spring.datasource.url} is set (then Spring Boot builds it, e.g. for PostgreSQL).
 * API and workers are separate processes on one SQLite file, so the file is opened in WAL
 * mode with a busy timeout and {@code BEGIN IMMEDIATE} writes.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class DataSourceConfiguration {

	@Bean(destroyMethod = "close")
	BasicDataSource dataSource(DemoProperties properties) {
		return SqliteDataSources.create(properties.dbPath(), Duration.ofSeconds(30), 4);
	}

}
