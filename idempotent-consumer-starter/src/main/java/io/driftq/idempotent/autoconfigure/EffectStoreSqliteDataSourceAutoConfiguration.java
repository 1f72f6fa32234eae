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

package io.driftq.idempotent.autoconfigure;

import java.nio.file.Path;

import javax.sql.DataSource;

import io.driftq.idempotent.jdbc.SqliteDataSources;
import org.apache.commons.dbcp2.BasicDataSource;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.EmbeddedDatabaseConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * An application with Spring Boot's JDBC support (spring-boot-starter-jdbc) but no
 * database configured: instead of Boot's "Failed to configure a DataSource: 'url'
 * attribute is not specified", the starter's default SQLite file becomes the
 * application's DataSource, as Boot would make an embedded H2 one. So the SQLite default
 * keeps working, and the application's JDBC writes and local effects share the effect
 * table's database. Without Boot's JDBC support on the class path the SQLite file stays
 * internal to the store ({@link IdempotentEffectAutoConfiguration}).
 */
@AutoConfiguration(beforeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(name = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.sqlite.JDBC", "org.apache.commons.dbcp2.BasicDataSource" })
@ConditionalOnBooleanProperty(name = "driftq.effects.enabled", matchIfMissing = true)
@ConditionalOnMissingBean(DataSource.class)
@Conditional(EffectStoreSqliteDataSourceAutoConfiguration.NoDatabaseConfiguredCondition.class)
@EnableConfigurationProperties(EffectsProperties.class)
public final class EffectStoreSqliteDataSourceAutoConfiguration {

	EffectStoreSqliteDataSourceAutoConfiguration() {
	}

	@Bean(destroyMethod = "close")
	BasicDataSource dataSource(EffectsProperties properties, Environment environment) {
		EffectSqliteProperties sqlite = properties.getSqlite();
		BasicDataSource dataSource = SqliteDataSources.create(
				SqliteDataSources.url(Path.of(IdempotentEffectAutoConfiguration.sqlitePath(sqlite, environment))),
				sqlite.getBusyTimeout(), sqlite.getPoolSize(), properties.getJdbc().getConnectionTimeout());
		return dataSource;
	}

	@Bean
	DefaultSqliteDataSource driftqDefaultSqliteDataSource(DataSource dataSource) {
		return new DefaultSqliteDataSource(dataSource);
	}

	/**
	 * Marks the DataSource that is the starter's default SQLite file (initialize-schema
	 * "embedded" creates its table).
	 *
	 * @param dataSource the data source
	 */
	public record DefaultSqliteDataSource(DataSource dataSource) {

	}

	/**
	 * Neither {@code spring.datasource.url} nor {@code driftq.effects.jdbc.url}, and no
	 * embedded database driver.
	 */
	static class NoDatabaseConfiguredCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			Environment environment = context.getEnvironment();
			for (String property : new String[] { "spring.datasource.url", "spring.datasource.jndi-name",
					"driftq.effects.jdbc.url" }) {
				if (StringUtils.hasText(environment.getProperty(property))) {
					return ConditionOutcome.noMatch(property + " is set");
				}
			}
			if (EmbeddedDatabaseConnection.get(context.getClassLoader()) != EmbeddedDatabaseConnection.NONE) {
				return ConditionOutcome.noMatch("an embedded database is on the class path");
			}
			return ConditionOutcome.match("no database configured");
		}

	}

}
