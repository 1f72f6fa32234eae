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
import java.time.Duration;

import javax.sql.DataSource;

import io.driftq.idempotent.EffectStore;
import io.driftq.idempotent.jdbc.Dialect;
import io.driftq.idempotent.jdbc.JdbcEffectStore;
import io.driftq.idempotent.jdbc.SqliteDataSources;
import org.apache.commons.dbcp2.BasicDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No silent store: a DataSource the user configured holds the effect table, or startup
 * fails and the first line of the cause names the property and the fix; SQLite only for
 * an application without any DataSource.
 */
class EffectStoreDataSourceSelectionTests {

	@TempDir
	Path directory;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(EffectStoreSqliteDataSourceAutoConfiguration.class,
					IdempotentEffectAutoConfiguration.class))
			.withPropertyValues("driftq.effects.sqlite.path=" + sqliteDefault());
	}

	private Path sqliteDefault() {
		return this.directory.resolve("default.sqlite");
	}

	private BasicDataSource sqlite(String name) {
		return SqliteDataSources.create(this.directory.resolve(name), Duration.ofSeconds(5), 2);
	}

	/** The first line of the innermost cause's message: what a user reads first. */
	static String firstLineOfCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause.getMessage().lines().findFirst().orElse("");
	}

	@Test
	void springDatasourceUrlWithoutADataSourceBeanFailsNamingSpringBootStarterJdbc() {
		runner()
			.withPropertyValues("spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/shop",
					"spring.datasource.username=shop")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(firstLineOfCause(context.getStartupFailure())).contains("spring.datasource.url is set")
					.contains("no DataSource bean")
					.contains("spring-boot-starter-jdbc");
			});
		assertThat(sqliteDefault()).doesNotExist();
	}

	@Test
	void effectJdbcCredentialsWithoutAUrlFail() {
		runner().withPropertyValues("driftq.effects.jdbc.username=effects").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(firstLineOfCause(context.getStartupFailure())).contains("driftq.effects.jdbc.username")
				.contains("driftq.effects.jdbc.url");
		});
		assertThat(sqliteDefault()).doesNotExist();
	}

	@Test
	void severalDataSourcesWithoutPrimaryOrQualifierFailNamingTheChoices() {
		runner().withPropertyValues("driftq.effects.jdbc.initialize-schema=always")
			.withBean("orders", BasicDataSource.class, () -> sqlite("orders.sqlite"))
			.withBean("reports", BasicDataSource.class, () -> sqlite("reports.sqlite"))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(firstLineOfCause(context.getStartupFailure())).contains("2 DataSource beans")
					.contains("orders")
					.contains("reports")
					.contains("@EffectStoreDataSource");
			});
		assertThat(sqliteDefault()).doesNotExist();
	}

	@Test
	void theEffectStoreDataSourceQualifierChoosesAmongSeveralEvenOverAPrimaryOne() {
		runner().withPropertyValues("driftq.effects.jdbc.initialize-schema=always")
			.withUserConfiguration(SeveralDataSources.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				DataSource effects = ((JdbcEffectStore) context.getBean(EffectStore.class)).getDataSource();
				assertThat(effects).isSameAs(context.getBean("effects"));
			});
		assertThat(sqliteDefault()).doesNotExist();
	}

	@Test
	void aMissingTableFailsWithInitializeSchemaOnTheFirstLine() {
		runner().withBean("orders", BasicDataSource.class, () -> sqlite("orders.sqlite")).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(firstLineOfCause(context.getStartupFailure())).contains("driftq_effect")
				.contains("driftq.effects.jdbc.initialize-schema");
		});
	}

	@Test
	void withBootsDataSourceAutoConfigurationAndNoUrlTheSqliteDefaultStillWorks() {
		runner().withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class)).run((context) -> {
			assertThat(context).hasNotFailed();
			JdbcEffectStore store = (JdbcEffectStore) context.getBean(EffectStore.class);
			assertThat(store.getDialect()).isEqualTo(Dialect.SQLITE);
			assertThat(((BasicDataSource) store.getDataSource()).getUrl()).endsWith("default.sqlite");
		});
		assertThat(sqliteDefault()).exists();
	}

	@Test
	void withBootsDataSourceAutoConfigurationAndASpringDatasourceUrlTheEffectsLiveThere() {
		Path app = this.directory.resolve("app.sqlite");
		runner().withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:sqlite:" + app,
					"driftq.effects.jdbc.initialize-schema=always")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				JdbcEffectStore store = (JdbcEffectStore) context.getBean(EffectStore.class);
				assertThat(store.getDataSource()).isSameAs(context.getBean(DataSource.class));
			});
		assertThat(app).exists();
		assertThat(sqliteDefault()).doesNotExist();
	}

	@Configuration(proxyBeanMethods = false)
	static class SeveralDataSources {

		@Bean
		@Primary
		BasicDataSource orders() {
			return SqliteDataSources.create(
					Path.of(System.getProperty("java.io.tmpdir"), "orders-" + System.nanoTime() + ".sqlite"),
					Duration.ofSeconds(5), 2);
		}

		@Bean
		@EffectStoreDataSource
		BasicDataSource effects() {
			return SqliteDataSources.create(
					Path.of(System.getProperty("java.io.tmpdir"), "effects-" + System.nanoTime() + ".sqlite"),
					Duration.ofSeconds(5), 2);
		}

	}

}
