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
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.driftq.idempotent.EffectDefinition;
import io.driftq.idempotent.EffectInProgressException;
import io.driftq.idempotent.EffectLeaseLostException;
import io.driftq.idempotent.EffectOutcomeUnknownException;
import io.driftq.idempotent.EffectReconciler;
import io.driftq.idempotent.EffectTemplate;
import io.driftq.idempotent.ExpiredClaimPolicy;
import io.driftq.idempotent.Reconciliation;
import io.driftq.idempotent.jdbc.JdbcEffectStore;
import io.driftq.idempotent.jdbc.SqliteDataSources;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.commons.dbcp2.BasicDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Every metric the starter publishes, read from a real {@link SimpleMeterRegistry} of an
 * auto-configured application whose effect store is a real SQLite file (with the default
 * lease renewal on).
 */
class EffectMetricsAutoConfigurationTests {

	@TempDir
	Path directory;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(IdempotentEffectAutoConfiguration.class))
			.withUserConfiguration(Metrics.class)
			.withBean(SwitchableDataSource.class,
					() -> new SwitchableDataSource(SqliteDataSources.create(this.directory.resolve("metrics.sqlite"),
							Duration.ofSeconds(10), 4)))
			.withPropertyValues("driftq.effects.jdbc.initialize-schema=always",
					"driftq.effects.retention.ttl=PT0.001S");
	}

	@Test
	void claimedExecutedReplayedAndLatencyAreCountedByStep() {
		runner().run((context) -> {
			EffectTemplate template = context.getBean(EffectTemplate.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(template.execute("r", "pay", "k1", "p", String.class, (effect) -> "paid")).isEqualTo("paid");
			assertThat(template.execute("r", "pay", "k1", "p", String.class, (effect) -> "again")).isEqualTo("paid");
			assertThat(template.execute("r", "pay", "k2", "p", String.class, (effect) -> "paid")).isEqualTo("paid");
			assertThat(count(registry, "claimed", "pay")).isEqualTo(2.0);
			assertThat(count(registry, "executed", "pay")).isEqualTo(2.0);
			assertThat(count(registry, "replayed", "pay")).isEqualTo(1.0);
			assertThat(registry.get("driftq.effects.latency").tag("step", "pay").timer().count()).isEqualTo(2);
			assertThat(
					registry.get("driftq.effects.latency").tag("step", "pay").timer().totalTime(TimeUnit.NANOSECONDS))
				.isPositive();
		});
	}

	@Test
	void aDuplicateOfALiveClaimIsCountedAsInProgress() {
		runner().run((context) -> {
			EffectTemplate template = context.getBean(EffectTemplate.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			CountDownLatch entered = new CountDownLatch(1);
			CountDownLatch release = new CountDownLatch(1);
			ExecutorService executor = Executors.newSingleThreadExecutor();
			try {
				Future<String> first = executor
					.submit(() -> template.execute("r", "slow", "k", "p", String.class, (effect) -> {
						entered.countDown();
						release.await(30, TimeUnit.SECONDS);
						return "done";
					}));
				assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
				assertThatExceptionOfType(EffectInProgressException.class)
					.isThrownBy(() -> template.execute("r", "slow", "k", "p", String.class, (effect) -> "twice"));
				release.countDown();
				assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("done");
			}
			finally {
				release.countDown();
				executor.shutdownNow();
			}
			assertThat(count(registry, "in_progress", "slow")).isEqualTo(1.0);
		});
	}

	@Test
	void anExpiredClaimTakenOverIsCounted() {
		runner().run((context) -> {
			EffectTemplate template = context.getBean(EffectTemplate.class);
			JdbcEffectStore store = context.getBean(JdbcEffectStore.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			EffectDefinition definition = EffectDefinition.of("r", "mail", "k").withLease(Duration.ofMillis(300));
			ambiguousFailure(template, definition);
			await().atMost(Duration.ofSeconds(20))
				.until(() -> store.find(definition.key().effectId()).orElseThrow().leaseExpired());
			assertThat(template.execute(definition, "p", String.class, (effect) -> "attempt " + effect.attempt()))
				.isEqualTo("attempt 2");
			assertThat(count(registry, "lease_taken_over", "mail")).isEqualTo(1.0);
			assertThat(count(registry, "claimed", "mail")).isEqualTo(2.0);
		});
	}

	@Test
	void aLeaseLostWhileRunningIsCountedOnceThoughBothRenewalAndCompletionSeeIt() {
		runner().run((context) -> {
			EffectTemplate template = context.getBean(EffectTemplate.class);
			JdbcEffectStore store = context.getBean(JdbcEffectStore.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			EffectDefinition definition = EffectDefinition.of("r", "ship", "k").withLease(Duration.ofMillis(600));
			String id = definition.key().effectId();
			CountDownLatch entered = new CountDownLatch(1);
			CountDownLatch release = new CountDownLatch(1);
			ExecutorService executor = Executors.newSingleThreadExecutor();
			try {
				Future<String> running = executor
					.submit(() -> template.execute(definition, "p", String.class, (effect) -> {
						entered.countDown();
						release.await(30, TimeUnit.SECONDS);
						return "shipped";
					}));
				assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
				// an operator releases the running claim (the endpoint's DELETE): its
				// fencing token moves on
				assertThat(store.forceRelease(id)).isTrue();
				// the renewal notices first ...
				await().atMost(Duration.ofSeconds(20)).until(() -> count(registry, "lease_lost", "ship") == 1.0);
				release.countDown();
				// ... and the completion is rejected as well
				assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> running.get(30, TimeUnit.SECONDS))
					.withCauseInstanceOf(EffectLeaseLostException.class);
			}
			finally {
				release.countDown();
				executor.shutdownNow();
			}
			assertThat(count(registry, "lease_lost", "ship")).isEqualTo(1.0);
		});
	}

	@Test
	void aRenewalThatCannotReachTheDatabaseIsCounted() {
		runner().run((context) -> {
			EffectTemplate template = context.getBean(EffectTemplate.class);
			SwitchableDataSource dataSource = context.getBean(SwitchableDataSource.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			EffectDefinition definition = EffectDefinition.of("r", "sync", "k").withLease(Duration.ofSeconds(3));
			CountDownLatch entered = new CountDownLatch(1);
			CountDownLatch release = new CountDownLatch(1);
			ExecutorService executor = Executors.newSingleThreadExecutor();
			try {
				Future<String> running = executor
					.submit(() -> template.execute(definition, "p", String.class, (effect) -> {
						entered.countDown();
						release.await(30, TimeUnit.SECONDS);
						return "synced";
					}));
				assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
				dataSource.failing = true;
				await().atMost(Duration.ofSeconds(20)).until(() -> count(registry, "renewal_failed", "sync") >= 1.0);
				dataSource.failing = false;
				release.countDown();
				// the lease had time left: the effect completes normally
				assertThat(running.get(30, TimeUnit.SECONDS)).isEqualTo("synced");
			}
			finally {
				dataSource.failing = false;
				release.countDown();
				executor.shutdownNow();
			}
			assertThat(count(registry, "executed", "sync")).isEqualTo(1.0);
			assertThat(count(registry, "lease_lost", "sync")).isZero();
		});
	}

	@Test
	void unknownOutcomesAreCountedOnTheMarkUnknownAndTheReconcilerPaths() {
		runner().withBean(EffectReconciler.class, UnsureReconciler::new).run((context) -> {
			EffectTemplate template = context.getBean(EffectTemplate.class);
			JdbcEffectStore store = context.getBean(JdbcEffectStore.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			EffectDefinition parked = EffectDefinition.of("r", "park", "k")
				.withLease(Duration.ofMillis(300))
				.withOnExpiredClaim(ExpiredClaimPolicy.MARK_UNKNOWN);
			EffectDefinition reconciled = EffectDefinition.of("r", "reconcile", "k")
				.withLease(Duration.ofMillis(300))
				.withOnExpiredClaim(ExpiredClaimPolicy.RECONCILE);
			ambiguousFailure(template, parked);
			ambiguousFailure(template, reconciled);
			await().atMost(Duration.ofSeconds(20))
				.until(() -> store.find(parked.key().effectId()).orElseThrow().leaseExpired()
						&& store.find(reconciled.key().effectId()).orElseThrow().leaseExpired());
			for (EffectDefinition definition : new EffectDefinition[] { parked, parked, reconciled }) {
				assertThatExceptionOfType(EffectOutcomeUnknownException.class)
					.isThrownBy(() -> template.execute(definition, "p", String.class, (effect) -> "ran"));
			}
			// MARK_UNKNOWN: the expired claim and then the UNKNOWN row each time it is
			// met
			assertThat(count(registry, "unknown", "park")).isEqualTo(2.0);
			assertThat(count(registry, "unknown", "reconcile")).isEqualTo(1.0);
			assertThat(count(registry, "executed", "park")).isZero();
		});
	}

	@Test
	void reapedRowsAreCountedByMode() {
		runner().run((context) -> {
			EffectTemplate template = context.getBean(EffectTemplate.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			EffectRetentionReaper reaper = context.getBean(EffectRetentionReaper.class);
			template.execute("r", "pay", "k1", "p", String.class, (effect) -> "paid");
			template.execute("r", "pay", "k2", "p", String.class, (effect) -> "paid");
			ambiguousFailure(template, EffectDefinition.of("r", "pay", "stuck"));
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				reaper.reap();
				assertThat(registry.get("driftq.effects.reaped").tag("mode", "delete").counter().count())
					.isEqualTo(2.0);
			});
			// the CLAIMED row is not reaped, so nothing more is counted
			reaper.reap();
			assertThat(registry.get("driftq.effects.reaped").tag("mode", "delete").counter().count()).isEqualTo(2.0);
		});
	}

	private static void ambiguousFailure(EffectTemplate template, EffectDefinition definition) {
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> template.execute(definition, "p", String.class, (effect) -> {
				throw new IllegalStateException("read timeout");
			}));
	}

	private static double count(MeterRegistry registry, String event, String step) {
		// a counter that was never incremented does not exist
		return Search.in(registry)
			.name("driftq.effects")
			.tag("event", event)
			.tag("step", step)
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

	@Configuration(proxyBeanMethods = false)
	static class Metrics {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	/** A reconciler that never knows. */
	static class UnsureReconciler implements EffectReconciler {

		@Override
		public boolean supports(String stepId) {
			return "reconcile".equals(stepId);
		}

		@Override
		public Reconciliation reconcile(ExpiredEffect effect) {
			return Reconciliation.unknown("provider does not answer");
		}

	}

	/**
	 * The application's SQLite DataSource, which can be made to refuse connections (a
	 * database outage).
	 */
	static class SwitchableDataSource extends DelegatingDataSource implements AutoCloseable {

		volatile boolean failing;

		SwitchableDataSource(BasicDataSource target) {
			super(target);
		}

		@Override
		public Connection getConnection() throws SQLException {
			if (this.failing) {
				throw new SQLException("database unreachable (test)");
			}
			return super.getConnection();
		}

		@Override
		public void close() throws Exception {
			((BasicDataSource) getTargetDataSource()).close();
		}

	}

}
