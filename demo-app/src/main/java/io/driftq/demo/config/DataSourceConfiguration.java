package io.driftq.demo.config;

import java.time.Duration;

import io.driftq.idempotent.jdbc.SqliteDataSources;
import org.apache.commons.dbcp2.BasicDataSource;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The application's DataSource: the SQLite file {@code SIDEFX_DB_PATH} unless {@code spring.datasource.url} is set
 * (then Spring Boot builds it, e.g. for PostgreSQL). API and workers are separate processes on one SQLite file, so
 * the file is opened in WAL mode with a busy timeout and {@code BEGIN IMMEDIATE} writes.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class DataSourceConfiguration {

	@Bean(destroyMethod = "close")
	BasicDataSource dataSource(DemoProperties properties) {
		return SqliteDataSources.create(properties.dbPath(), Duration.ofSeconds(30), 4);
	}

}
