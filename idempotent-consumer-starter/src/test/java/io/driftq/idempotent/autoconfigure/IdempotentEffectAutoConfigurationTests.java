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

import io.driftq.idempotent.EffectContext;
import io.driftq.idempotent.EffectDefinition;
import io.driftq.idempotent.EffectOutcome;
import io.driftq.idempotent.EffectReconciler;
import io.driftq.idempotent.EffectRecord;
import io.driftq.idempotent.EffectReplayHook;
import io.driftq.idempotent.EffectStatus;
import io.driftq.idempotent.EffectTemplate;
import io.driftq.idempotent.ExpiredClaimPolicy;
import io.driftq.idempotent.IdempotentEffect;
import io.driftq.idempotent.LeaseRenewal;
import io.driftq.idempotent.Reconciliation;
import io.driftq.idempotent.actuate.EffectsEndpoint;
import io.driftq.idempotent.aop.IdempotentEffectAspect;
import io.driftq.idempotent.jdbc.Dialect;
import io.driftq.idempotent.jdbc.JdbcEffectStore;
import io.driftq.idempotent.jdbc.SqliteDataSources;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.commons.dbcp2.BasicDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link IdempotentEffectAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class IdempotentEffectAutoConfigurationTests {

	@TempDir
	Path directory;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, IdempotentEffectAutoConfiguration.class,
				EffectsEndpointAutoConfiguration.class));

	@Test
	void flywayMigrationsWithoutFlywayOnTheClasspathFailNamingTheProperty() {
		this.runner.withClassLoader(new FilteredClassLoader("org.flywaydb"))
			.withPropertyValues(sqlitePath("no-flyway.sqlite"), "driftq.effects.flyway.enabled=true")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("driftq.effects.flyway.enabled=true needs Flyway")
				.hasMessageContaining("org.flywaydb:flyway-core"));
	}

	@Test
	void disabledSwitchRunsEveryEffectUnprotectedAndSaysSoOnce(CapturedOutput output) {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class,
					IdempotentEffectAutoConfiguration.class, IdempotentEffectDisabledAutoConfiguration.class))
			.withUserConfiguration(Service.class)
			.withPropertyValues("driftq.effects.enabled=false", "driftq.effects.idempotency-key-prefix=off/",
					sqlitePath("off.sqlite"))
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(JdbcEffectStore.class)
					.hasSingleBean(EffectTemplate.class)
					.hasSingleBean(IdempotentEffectAspect.class);
				Greeter greeter = context.getBean(Greeter.class);
				// the method runs every time, and still finds its EffectContext
				assertThat(greeter.greet("r1", "ada")).isEqualTo("hello ada #1 off/r1:greet:ada");
				assertThat(greeter.greet("r1", "ada")).isEqualTo("hello ada #1 off/r1:greet:ada");
				assertThat(greeter.calls()).isEqualTo(2);
				assertThat(EffectOutcome.last().orElseThrow().replayed()).isFalse();
				EffectTemplate template = context.getBean(EffectTemplate.class);
				java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
				template.execute("r", "mail", "m1", "p", Integer.class, (effect) -> runs.incrementAndGet());
				EffectOutcome<Integer> outcome = template.executeForOutcome("r", "mail", "m1", "p", Integer.class,
						(effect) -> runs.incrementAndGet());
				assertThat(outcome).isEqualTo(new EffectOutcome<>(2, false, "r:mail:m1", "off/r:mail:m1", 1));
			});
		assertThat(this.directory.resolve("off.sqlite")).doesNotExist();
		assertThat(output.getOut().split("side effects are NOT protected", -1)).hasSize(2);
	}

	@Test
	void theEnabledAndDisabledConfigurationsNeverBothApply() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class,
					IdempotentEffectAutoConfiguration.class, IdempotentEffectDisabledAutoConfiguration.class))
			.withPropertyValues(sqlitePath("on.sqlite"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(JdbcEffectStore.class)
				.hasSingleBean(EffectTemplate.class)
				.hasSingleBean(IdempotentEffectAspect.class));
	}

	@Test
	void theIdempotencyKeyPrefixAndReplayHooksReachTheTemplate() {
		this.runner.withUserConfiguration(Service.class)
			.withBean("replayHook", EffectReplayHook.class,
					() -> (effect, result) -> result + " (replayed " + effect.status() + ")")
			.withPropertyValues(sqlitePath("prefix.sqlite"), "driftq.effects.idempotency-key-prefix=eu-1:")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				Greeter greeter = context.getBean(Greeter.class);
				assertThat(greeter.greet("r1", "ada")).isEqualTo("hello ada #1 eu-1:r1:greet:ada");
				assertThat(greeter.greet("r1", "ada")).isEqualTo("hello ada #1 eu-1:r1:greet:ada (replayed SUCCEEDED)");
				assertThat(context.getBean(JdbcEffectStore.class).find("r1:greet:ada")).isPresent();
			});
	}

	@Test
	void withoutADataSourceUsesTheDefaultSqliteFileAndCreatesTheTable() {
		this.runner.withPropertyValues(sqlitePath("nested/effects.sqlite")).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(EffectTemplate.class).doesNotHaveBean(DataSource.class);
			JdbcEffectStore store = context.getBean(JdbcEffectStore.class);
			assertThat(store.getDialect()).isEqualTo(Dialect.SQLITE);
			assertThat(store.findByStatus(io.driftq.idempotent.EffectStatus.SUCCEEDED, 10)).isEmpty();
		});
		assertThat(this.directory.resolve("nested/effects.sqlite")).exists();
	}

	@Test
	void sidefxDbPathNamesTheDefaultFile() {
		Path file = this.directory.resolve("sidefx.sqlite");
		this.runner.withPropertyValues("SIDEFX_DB_PATH=" + file)
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(JdbcEffectStore.class));
		assertThat(file).exists();
	}

	@Test
	void usesTheApplicationDataSource() {
		this.runner.withUserConfiguration(UserDataSource.class)
			.withPropertyValues("driftq.effects.jdbc.initialize-schema=always", sqlitePath("unused.sqlite"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(JdbcEffectStore.class).getDataSource())
					.isSameAs(context.getBean(DataSource.class));
			});
		assertThat(this.directory.resolve("unused.sqlite")).doesNotExist();
	}

	@Test
	void dedicatedEffectDatabaseWinsOverTheApplicationDataSource() {
		Path dedicated = this.directory.resolve("dedicated.sqlite");
		this.runner.withUserConfiguration(UserDataSource.class)
			.withPropertyValues("driftq.effects.jdbc.url=jdbc:sqlite:" + dedicated,
					"driftq.effects.jdbc.initialize-schema=always")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				DataSource effects = context.getBean(JdbcEffectStore.class).getDataSource();
				assertThat(effects).isNotSameAs(context.getBean(DataSource.class)).isInstanceOf(BasicDataSource.class);
				assertThat(((BasicDataSource) effects).getUrl()).isEqualTo("jdbc:sqlite:" + dedicated);
				// the default file's settings, not a bare connection
				assertThat(new JdbcTemplate(effects).queryForObject("PRAGMA journal_mode", String.class))
					.isEqualTo("wal");
				assertThat(new JdbcTemplate(effects).queryForObject("PRAGMA busy_timeout", Integer.class))
					.isEqualTo(10_000);
			});
		assertThat(dedicated).exists();
	}

	@Test
	void missingTableFailsFastNamingTableAndProperty() {
		this.runner.withUserConfiguration(UserDataSource.class)
			.withPropertyValues("driftq.effects.jdbc.initialize-schema=never")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("driftq_effect"));
		this.runner.withUserConfiguration(UserDataSource.class)
			.withPropertyValues("driftq.effects.jdbc.initialize-schema=never")
			.run((context) -> assertThat(context.getStartupFailure())
				.hasStackTraceContaining("'driftq_effect' is missing")
				.hasStackTraceContaining("driftq.effects.jdbc.initialize-schema=always"));
	}

	@Test
	void annotatedBeanRunsOnceAndCountsEvents() {
		this.runner.withUserConfiguration(Service.class, Metrics.class)
			.withPropertyValues(sqlitePath("aop.sqlite"), "driftq.effects.lease=PT1M")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				Greeter greeter = context.getBean(Greeter.class);
				assertThat(greeter.greet("r1", "ada")).isEqualTo("hello ada #1 r1:greet:ada");
				assertThat(greeter.greet("r1", "ada")).isEqualTo("hello ada #1 r1:greet:ada");
				assertThat(greeter.calls()).isEqualTo(1);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("driftq.effects").tag("event", "executed").counter().count()).isEqualTo(1.0);
				assertThat(registry.get("driftq.effects").tag("event", "replayed").counter().count()).isEqualTo(1.0);
				assertThat(registry.get("driftq.effects.latency").tag("step", "greet").timer().count()).isEqualTo(1);
			});
	}

	@Test
	void retentionReaperAndEndpointAreOptIn() {
		this.runner.withPropertyValues(sqlitePath("plain.sqlite"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(EffectRetentionReaper.class)
				.doesNotHaveBean(EffectsEndpoint.class));
		this.runner
			.withPropertyValues(sqlitePath("opt-in.sqlite"), "driftq.effects.retention.ttl=P7D",
					"management.endpoints.web.exposure.include=effects")
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(EffectRetentionReaper.class)
					.hasSingleBean(EffectsEndpoint.class);
				assertThat(context.getBean(EffectRetentionReaper.class).isRunning()).isTrue();
			});
	}

	@Test
	void endpointListsReleasesAndResolvesStuckEffects() {
		this.runner.withUserConfiguration(Service.class)
			.withPropertyValues(sqlitePath("endpoint.sqlite"), "management.endpoints.web.exposure.include=effects")
			.run((context) -> {
				EffectTemplate template = context.getBean(EffectTemplate.class);
				EffectsEndpoint endpoint = context.getBean(EffectsEndpoint.class);
				assertThatExceptionOfType(IllegalStateException.class)
					.isThrownBy(() -> template.execute("r", "mail", "m1", "p", String.class, (effect) -> {
						throw new IllegalStateException("smtp timeout");
					}));
				assertThat(endpoint.effects().get("CLAIMED")).extracting(EffectRecord::effectId)
					.containsExactly("r:mail:m1");
				assertThat(endpoint.resolve("r:mail:m1", "\"sent\"")).containsEntry("resolved", true);
				assertThat(template.execute("r", "mail", "m1", "p", String.class, (effect) -> "again"))
					.isEqualTo("sent");
				assertThat(endpoint.effect("r:mail:m1").status()).isEqualTo(EffectStatus.SUCCEEDED);
				assertThat(endpoint.release("r:mail:m1")).containsEntry("released", false);
				assertThatExceptionOfType(IllegalStateException.class)
					.isThrownBy(() -> template.execute("r", "mail", "m2", "p", String.class, (effect) -> {
						throw new IllegalStateException("smtp timeout");
					}));
				assertThat(endpoint.release("r:mail:m2")).containsEntry("released", true);
				assertThat(template.execute("r", "mail", "m2", "p", String.class,
						(effect) -> "attempt " + effect.attempt()))
					.isEqualTo("attempt 2");
				assertThat(endpoint.effects().get("CLAIMED")).isEmpty();
			});
	}

	@Test
	void everyCallIsObservedWithTheEffectIdAndItsOutcome() {
		java.util.List<io.micrometer.observation.Observation.Context> stopped = new java.util.concurrent.CopyOnWriteArrayList<>();
		io.micrometer.observation.ObservationRegistry observations = io.micrometer.observation.ObservationRegistry
			.create();
		observations.observationConfig().observationHandler(new io.micrometer.observation.ObservationHandler<>() {

			@Override
			public boolean supportsContext(io.micrometer.observation.Observation.Context context) {
				return true;
			}

			@Override
			public void onStop(io.micrometer.observation.Observation.Context context) {
				stopped.add(context);
			}

		});
		this.runner.withUserConfiguration(Service.class)
			.withBean(io.micrometer.observation.ObservationRegistry.class, () -> observations)
			.withPropertyValues(sqlitePath("observed.sqlite"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				Greeter greeter = context.getBean(Greeter.class);
				greeter.greet("r1", "ada");
				greeter.greet("r1", "ada");
				assertThat(stopped).hasSize(2).allSatisfy((observed) -> {
					assertThat(observed.getName()).isEqualTo("driftq.effect");
					assertThat(observed.getHighCardinalityKeyValue("effect.id").getValue()).isEqualTo("r1:greet:ada");
					assertThat(observed.getLowCardinalityKeyValue("step").getValue()).isEqualTo("greet");
				});
				assertThat(stopped).extracting((observed) -> observed.getLowCardinalityKeyValue("outcome").getValue())
					.containsExactly("executed", "replayed");
			});
	}

	@Test
	void reaperCountsTheRowsItDeletes() {
		this.runner.withUserConfiguration(Service.class, Metrics.class)
			.withPropertyValues(sqlitePath("reaped.sqlite"), "driftq.effects.retention.ttl=PT0.001S")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				Greeter greeter = context.getBean(Greeter.class);
				greeter.greet("r1", "ada");
				greeter.greet("r1", "bob");
				EffectRetentionReaper reaper = context.getBean(EffectRetentionReaper.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
					reaper.reap();
					assertThat(registry.get("driftq.effects.reaped").counter().count()).isEqualTo(2.0);
				});
			});
	}

	@Test
	void unproxyableAnnotatedMethodsAreReportedAtStartup(CapturedOutput output) {
		this.runner.withUserConfiguration(UnproxyableService.class)
			.withPropertyValues(sqlitePath("checker.sqlite"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output)
					.contains("Unproxyable.charge (bean 'unproxyable') will NOT be applied: the method is final")
					.contains("Unproxyable.refund (bean 'unproxyable') will NOT be applied: the method is private")
					.doesNotContain("Unproxyable.notify ");
			});
	}

	@Test
	void aReconcilerBeanDecidesAnExpiredClaimOfTheTemplate() {
		this.runner.withUserConfiguration(Reconcilers.class)
			.withPropertyValues(sqlitePath("wiring.sqlite"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				EffectTemplate template = context.getBean(EffectTemplate.class);
				JdbcEffectStore store = context.getBean(JdbcEffectStore.class);
				EffectDefinition definition = EffectDefinition.of("r", "refund", "k")
					.withLease(Duration.ofMillis(300))
					.withOnExpiredClaim(ExpiredClaimPolicy.RECONCILE);
				assertThatExceptionOfType(IllegalStateException.class)
					.isThrownBy(() -> template.execute(definition, "p", String.class, (effect) -> {
						throw new IllegalStateException("read timeout");
					}));
				await().atMost(Duration.ofSeconds(20))
					.until(() -> store.find(definition.key().effectId()).orElseThrow().leaseExpired());
				assertThat(template.execute(definition, "p", String.class, (effect) -> "ran again"))
					.isEqualTo("refunded per provider");
				assertThat(context.getBean(RecordingReconciler.class).asked).containsExactly("r:refund:k");
			});
	}

	@Test
	void theLeaseRenewalBeanKeepsATemplateClaimAliveAndDisablingItLetsTheClaimExpire() {
		this.runner.withPropertyValues(sqlitePath("renewal.sqlite")).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(LeaseRenewal.class);
			JdbcEffectStore store = context.getBean(JdbcEffectStore.class);
			assertThat(runBlocked(context.getBean(EffectTemplate.class), "renewed", (id) -> {
				long firstLeaseEnd = store.find(id).orElseThrow().leaseUntil();
				await().atMost(Duration.ofSeconds(20))
					.until(() -> store.find(id).orElseThrow().leaseUntil() > firstLeaseEnd + 600);
				assertThat(store.find(id).orElseThrow().leaseExpired()).isFalse();
			})).isEqualTo("done");
		});
		this.runner.withPropertyValues(sqlitePath("no-renewal.sqlite"), "driftq.effects.lease-renewal.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(LeaseRenewal.class);
				JdbcEffectStore store = context.getBean(JdbcEffectStore.class);
				assertThatExceptionOfType(java.util.concurrent.ExecutionException.class)
					.isThrownBy(() -> runBlocked(context.getBean(EffectTemplate.class), "unrenewed", (id) -> {
						await().atMost(Duration.ofSeconds(20)).until(() -> store.find(id).orElseThrow().leaseExpired());
						// expired while still running: a duplicate takes it over, the
						// late completion is rejected
						assertThat(context.getBean(EffectTemplate.class)
							.execute(EffectDefinition.of("r", "unrenewed", "k"), "p", String.class,
									(effect) -> "attempt " + effect.attempt()))
							.isEqualTo("attempt 2");
					}))
					.withCauseInstanceOf(io.driftq.idempotent.EffectLeaseLostException.class);
			});
	}

	/**
	 * Runs an effect with a 600 ms lease, calls {@code whileRunning} with its id while it
	 * runs, then lets it end.
	 */
	private static String runBlocked(EffectTemplate template, String step,
			org.assertj.core.api.ThrowingConsumer<String> whileRunning) throws Exception {
		EffectDefinition definition = EffectDefinition.of("r", step, "k").withLease(Duration.ofMillis(600));
		java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
		java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
		java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newSingleThreadExecutor();
		try {
			java.util.concurrent.Future<String> running = executor
				.submit(() -> template.execute(definition, "p", String.class, (effect) -> {
					entered.countDown();
					release.await(30, java.util.concurrent.TimeUnit.SECONDS);
					return "done";
				}));
			assertThat(entered.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
			whileRunning.accept(definition.key().effectId());
			release.countDown();
			return running.get(30, java.util.concurrent.TimeUnit.SECONDS);
		}
		finally {
			release.countDown();
			executor.shutdownNow();
		}
	}

	@Test
	void archiveModeChecksTheArchiveTableAtStartup() throws Exception {
		Path file = this.directory.resolve("no-archive.sqlite");
		try (java.sql.Connection connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
				java.sql.Statement statement = connection.createStatement()) {
			// the effect table as an older starter created it, without the archive table
			statement.execute(
					"CREATE TABLE driftq_effect (effect_id VARCHAR(200) NOT NULL PRIMARY KEY, run_id TEXT NOT NULL, "
							+ "step_id TEXT NOT NULL, business_key TEXT NOT NULL, status VARCHAR(16) NOT NULL, "
							+ "fencing_token BIGINT NOT NULL, lease_until BIGINT, attempts INTEGER NOT NULL, "
							+ "payload_hash VARCHAR(64) NOT NULL, result TEXT, error TEXT, created_at BIGINT NOT NULL, "
							+ "updated_at BIGINT NOT NULL)");
		}
		ApplicationContextRunner existing = this.runner.withPropertyValues(
				"driftq.effects.jdbc.url=jdbc:sqlite:" + file, "driftq.effects.jdbc.initialize-schema=never",
				"driftq.effects.retention.ttl=P7D");
		existing.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(EffectRetentionReaper.class));
		existing.withPropertyValues("driftq.effects.retention.completion-mode=archive")
			.run((context) -> assertThat(context.getStartupFailure()).isNotNull()
				.hasStackTraceContaining("'driftq_effect_archive' is missing")
				.hasStackTraceContaining("driftq.effects.retention.completion-mode=archive"));
		// the schema script adds the archive table next to the existing effect table
		existing
			.withPropertyValues("driftq.effects.retention.completion-mode=archive",
					"driftq.effects.jdbc.initialize-schema=always")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(EffectRetentionReaper.class).getMode())
					.isEqualTo(EffectRetentionProperties.CompletionMode.ARCHIVE);
			});
	}

	@Test
	void archivingReaperCountsTheRowsItMovesTaggedWithItsMode() {
		this.runner.withUserConfiguration(Service.class, Metrics.class)
			.withPropertyValues(sqlitePath("archived.sqlite"), "driftq.effects.retention.ttl=PT0.001S",
					"driftq.effects.retention.completion-mode=archive")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				Greeter greeter = context.getBean(Greeter.class);
				greeter.greet("r1", "ada");
				greeter.greet("r1", "bob");
				EffectRetentionReaper reaper = context.getBean(EffectRetentionReaper.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
					reaper.reap();
					assertThat(registry.get("driftq.effects.reaped").tag("mode", "archive").counter().count())
						.isEqualTo(2.0);
				});
				org.springframework.jdbc.core.JdbcTemplate jdbc = new org.springframework.jdbc.core.JdbcTemplate(
						context.getBean(JdbcEffectStore.class).getDataSource());
				assertThat(jdbc.queryForList("SELECT business_key FROM driftq_effect_archive ORDER BY business_key",
						String.class))
					.containsExactly("ada", "bob");
				assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM driftq_effect", Integer.class)).isZero();
			});
	}

	@Test
	void flywayMigrationsReplaceTheSchemaScriptWhenEnabled() {
		this.runner.withUserConfiguration(Service.class)
			.withPropertyValues(sqlitePath("flyway.sqlite"), "driftq.effects.flyway.enabled=true",
					"driftq.effects.flyway.table=effects_history")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(Greeter.class).greet("r1", "ada")).isEqualTo("hello ada #1 r1:greet:ada");
				org.springframework.jdbc.core.JdbcTemplate jdbc = new org.springframework.jdbc.core.JdbcTemplate(
						context.getBean(JdbcEffectStore.class).getDataSource());
				assertThat(
						jdbc.queryForList("SELECT version FROM effects_history ORDER BY installed_rank", String.class))
					.containsExactly("1", "2");
			});
	}

	private String sqlitePath(String name) {
		return "driftq.effects.sqlite.path=" + this.directory.resolve(name);
	}

	@Configuration(proxyBeanMethods = false)
	static class UserDataSource {

		@Bean(destroyMethod = "close")
		BasicDataSource dataSource() throws Exception {
			Path file = java.nio.file.Files.createTempDirectory("user-ds").resolve("app.sqlite");
			return SqliteDataSources.create(file, Duration.ofSeconds(5), 2);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Service {

		@Bean
		Greeter greeter() {
			return new Greeter();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Metrics {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UnproxyableService {

		@Bean
		Unproxyable unproxyable() {
			return new Unproxyable();
		}

	}

	public static class Unproxyable {

		@IdempotentEffect(step = "charge", run = "#run", businessKey = "#key")
		public final String charge(String run, String key) {
			return refund(run, key);
		}

		@IdempotentEffect(step = "refund", run = "#run", businessKey = "#key")
		private String refund(String run, String key) {
			return key;
		}

		@IdempotentEffect(step = "notify", run = "#run", businessKey = "#key")
		public String notify(String run, String key) {
			return key;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Reconcilers {

		@Bean
		RecordingReconciler reconciler() {
			return new RecordingReconciler();
		}

	}

	/** Says every expired effect happened, and records which it was asked about. */
	static class RecordingReconciler implements EffectReconciler {

		final java.util.List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();

		@Override
		public Reconciliation reconcile(ExpiredEffect effect) {
			this.asked.add(effect.effectId());
			return Reconciliation.happened("refunded per provider");
		}

	}

	public static class Greeter {

		private int calls;

		public int calls() {
			return this.calls;
		}

		@IdempotentEffect(step = "greet", run = "#run", businessKey = "#name")
		public String greet(String run, String name) {
			this.calls++;
			EffectContext context = EffectContext.current();
			return "hello " + name + " #" + context.attempt() + " " + context.idempotencyKey();
		}

	}

}
