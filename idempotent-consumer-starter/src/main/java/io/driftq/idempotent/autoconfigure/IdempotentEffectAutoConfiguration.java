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
import java.util.Objects;

import javax.sql.DataSource;

import io.driftq.idempotent.EffectCheckpoint;
import io.driftq.idempotent.EffectMetrics;
import io.driftq.idempotent.EffectReconciler;
import io.driftq.idempotent.EffectReplayHook;
import io.driftq.idempotent.EffectStore;
import io.driftq.idempotent.EffectTemplate;
import io.driftq.idempotent.LeaseRenewal;
import io.driftq.idempotent.aop.IdempotentEffectAspect;
import io.driftq.idempotent.aop.IdempotentEffectMethodChecker;
import io.driftq.idempotent.jdbc.DatabaseOutages;
import io.driftq.idempotent.jdbc.EffectFlywayMigrations;
import io.driftq.idempotent.jdbc.JdbcEffectStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Auto-configuration of {@code @IdempotentEffect}: a JDBC effect store (application
 * DataSource, a dedicated one from {@code driftq.effects.jdbc.url}, or a default SQLite
 * file), the {@link EffectTemplate} and the aspect.
 */
@AutoConfiguration(after = EffectStoreSqliteDataSourceAutoConfiguration.class,
		afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
				"org.springframework.boot.autoconfigure.aop.AopAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "driftq.effects.enabled", matchIfMissing = true)
@EnableConfigurationProperties(EffectsProperties.class)
public final class IdempotentEffectAutoConfiguration {

	private static final Log logger = LogFactory.getLog(IdempotentEffectAutoConfiguration.class);

	/** Environment variable naming the default SQLite file. */
	public static final String SQLITE_PATH_ENV = "SIDEFX_DB_PATH";

	/** Default SQLite file. */
	public static final String DEFAULT_SQLITE_PATH = "./data/effects.sqlite";

	IdempotentEffectAutoConfiguration() {
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	EffectStore driftqEffectStore(EffectsProperties properties, ObjectProvider<DataSource> dataSources,
			@EffectStoreDataSource ObjectProvider<DataSource> effectStoreDataSources, ListableBeanFactory beanFactory,
			ObjectProvider<EffectStoreConnectionDetails> connectionDetails,
			ObjectProvider<EffectStoreSqliteDataSourceAutoConfiguration.DefaultSqliteDataSource> defaultSqlite,
			Environment environment, ResourceLoader resourceLoader) {
		EffectJdbcProperties jdbc = properties.getJdbc();
		ClassLoader classLoader = resourceLoader.getClassLoader();
		DataSource dataSource;
		boolean owned;
		boolean embedded = false;
		EffectStoreConnectionDetails details = connectionDetails.getIfAvailable();
		if (details == null) {
			EffectStoreDataSourceResolver.checkCredentialsHaveAUrl(jdbc);
		}
		if (details != null && details.getJdbcUrl().startsWith("jdbc:sqlite:")) {
			// a dedicated SQLite file gets the default file's settings (WAL, busy
			// timeout, BEGIN IMMEDIATE)
			dataSource = EffectStorePools.sqlite(details.getJdbcUrl(), properties.getSqlite(),
					jdbc.getConnectionTimeout(), "driftq.effects.jdbc.url=" + details.getJdbcUrl(), classLoader);
			owned = true;
		}
		else if (details != null) {
			dataSource = EffectStorePools.dedicated(details, jdbc.getConnectionTimeout(), classLoader);
			owned = true;
		}
		else {
			DataSource application = EffectStoreDataSourceResolver.applicationDataSource(effectStoreDataSources,
					dataSources, beanFactory, environment);
			if (application != null) {
				dataSource = application;
				owned = false;
				// the starter's SQLite file made the application's DataSource (Boot's
				// JDBC support, no URL)
				EffectStoreSqliteDataSourceAutoConfiguration.DefaultSqliteDataSource sqliteDefault = defaultSqlite
					.getIfAvailable();
				embedded = sqliteDefault != null && sqliteDefault.dataSource() == application;
			}
			else {
				String path = sqlitePath(properties.getSqlite(), environment);
				logger.info("No DataSource configured: idempotent effects use the SQLite file '" + path + "'");
				dataSource = EffectStorePools.sqliteFile(Path.of(path), properties.getSqlite(),
						jdbc.getConnectionTimeout(), classLoader);
				owned = true;
				embedded = true;
			}
		}
		JdbcEffectStore store = new JdbcEffectStore(dataSource);
		store.setCloseDataSource(owned);
		boolean defaultSqliteFile = embedded;
		Runnable schemaWork = () -> {
			if (properties.getFlyway().isEnabled()) {
				migrateWithFlyway(store, properties.getFlyway(), resourceLoader.getClassLoader());
			}
			else {
				store.initializeSchema(jdbc.getInitializeSchema(), defaultSqliteFile);
			}
			store.verifySchema();
		};
		try {
			schemaWork.run();
		}
		catch (RuntimeException ex) {
			if (DatabaseOutages.isOutage(ex)) {
				// start anyway: effects wait (EffectStoreUnavailableException: "not yet")
				// until the database answers
				logger.warn("The idempotent effect store's database does not answer at startup (" + ex.getMessage()
						+ "); the application starts, and the schema is initialized and verified "
						+ "before the first effect once it answers");
				store.deferSchemaWork(schemaWork);
				return store;
			}
			try {
				store.close();
			}
			catch (Exception closeFailure) {
				ex.addSuppressed(closeFailure);
			}
			throw ex;
		}
		return store;
	}

	@Bean
	@ConditionalOnMissingBean(EffectStoreConnectionDetails.class)
	@ConditionalOnProperty("driftq.effects.jdbc.url")
	PropertiesEffectStoreConnectionDetails driftqEffectStoreConnectionDetails(EffectsProperties properties) {
		return new PropertiesEffectStoreConnectionDetails(properties.getJdbc());
	}

	private static void migrateWithFlyway(JdbcEffectStore store, EffectsProperties.Flyway flyway,
			@Nullable ClassLoader classLoader) {
		if (!ClassUtils.isPresent("org.flywaydb.core.Flyway", classLoader)) {
			throw new IllegalStateException(
					"driftq.effects.flyway.enabled=true needs Flyway: add org.flywaydb:flyway-core"
							+ " (and org.flywaydb:flyway-database-postgresql on PostgreSQL)");
		}
		// the store's bean depends on the application's Flyway/Liquibase
		// (EffectStoreDependsOnDatabaseInitializationDetector),
		// so this runs after them: the application's Flyway never finds a schema made
		// non-empty by ours
		EffectFlywayMigrations.migrate(store.getDataSource(), store.getDialect(), flyway.getTable());
	}

	static String sqlitePath(EffectSqliteProperties sqlite, Environment environment) {
		if (StringUtils.hasText(sqlite.getPath())) {
			return sqlite.getPath();
		}
		String fromEnv = environment.getProperty(SQLITE_PATH_ENV);
		return StringUtils.hasText(fromEnv) ? fromEnv : DEFAULT_SQLITE_PATH;
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "driftq.effects.lease-renewal.enabled", matchIfMissing = true)
	LeaseRenewal driftqEffectLeaseRenewal(EffectsProperties properties) {
		return LeaseRenewal.create(properties.getLeaseRenewal().getMaxDuration());
	}

	@Bean
	@ConditionalOnMissingBean
	EffectTemplate driftqEffectTemplate(EffectStore store, EffectsProperties properties,
			ObjectProvider<EffectMetrics> metrics, ObjectProvider<EffectReconciler> reconcilers,
			ObjectProvider<LeaseRenewal> leaseRenewal, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<EffectCheckpoint> checkpoint, ObjectProvider<EffectReplayHook> replayHooks) {
		EffectTemplate template = new EffectTemplate(store, JsonMapper.builder().build(),
				metrics.getIfUnique(() -> EffectMetrics.NONE), properties.getLease());
		template.setReconcilers(reconcilers.orderedStream().toList());
		template.setLeaseRenewal(leaseRenewal.getIfAvailable(() -> LeaseRenewal.DISABLED));
		template.setObservationRegistry(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP));
		template.setObservedIdempotencyKey(properties.getObservation().isIdempotencyKey());
		template.setMaxResultSize(properties.getMaxResultSize());
		template.setIdempotencyKeyPrefix(properties.getIdempotencyKeyPrefix());
		template.setReplayHooks(replayHooks.orderedStream().toList());
		checkpoint.ifUnique(template::setCheckpoint); // crash-injection tests
														// (EffectCrashPoints)
		return template;
	}

	@Bean
	static IdempotentEffectMethodChecker driftqIdempotentEffectMethodChecker() {
		return new IdempotentEffectMethodChecker();
	}

	// AspectJ is optional: without it @IdempotentEffect methods fail startup
	// (IdempotentEffectMethodChecker)
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.aspectj.lang.annotation.Aspect")
	static class AspectConfiguration {

		@Bean
		@ConditionalOnMissingBean
		IdempotentEffectAspect driftqIdempotentEffectAspect(ObjectProvider<EffectTemplate> template) {
			// looked up on first use: creating the advisor must not create the store,
			// whose startup failure would
			// otherwise surface as "Advisor sorting failed"
			return new IdempotentEffectAspect(template::getObject);
		}

	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty("driftq.effects.retention.ttl")
	EffectRetentionReaper driftqEffectRetentionReaper(EffectStore store, EffectsProperties properties,
			ObjectProvider<EffectMetrics> metrics) {
		EffectRetentionProperties retention = properties.getRetention();
		if (store instanceof JdbcEffectStore jdbcStore) {
			if (retention.getCompletionMode() == EffectRetentionProperties.CompletionMode.ARCHIVE) {
				jdbcStore.verifyArchiveSchema();
			}
			jdbcStore.createRetentionIndex();
		}
		// the bean exists only when driftq.effects.retention.ttl is set
		Duration ttl = Objects.requireNonNull(retention.getTtl(), "driftq.effects.retention.ttl");
		return new EffectRetentionReaper(store, ttl, retention.getInterval(), retention.getBatchSize(),
				metrics.getIfUnique(() -> EffectMetrics.NONE), retention.getCompletionMode());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		EffectMetrics driftqEffectMetrics(ObjectProvider<MeterRegistry> registry) {
			return new MicrometerEffectMetrics(registry);
		}

	}

}
