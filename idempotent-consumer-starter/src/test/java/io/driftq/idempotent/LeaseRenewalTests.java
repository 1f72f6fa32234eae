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

package io.driftq.idempotent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.driftq.idempotent.jdbc.JdbcEffectStore;
import io.driftq.idempotent.jdbc.SqliteDataSources;
import org.apache.commons.dbcp2.BasicDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@link LeaseRenewal} with an {@link EffectTemplate} on a real SQLite file.
 */
class LeaseRenewalTests {

	@TempDir
	Path directory;

	private BasicDataSource dataSource;

	private JdbcEffectStore store;

	private final List<String> events = new CopyOnWriteArrayList<>();

	@BeforeEach
	void setUp() {
		this.dataSource = SqliteDataSources.create(this.directory.resolve("renewal.sqlite"), Duration.ofSeconds(10), 4);
		this.store = new JdbcEffectStore(this.dataSource);
		this.store.initializeSchema();
	}

	@AfterEach
	void tearDown() throws Exception {
		this.dataSource.close();
	}

	private EffectTemplate template(LeaseRenewal renewal) {
		EffectTemplate template = new EffectTemplate(this.store, JsonMapper.builder().build(),
				(event, step) -> this.events.add(event), Duration.ofMinutes(5));
		template.setLeaseRenewal(renewal);
		return template;
	}

	@Test
	void finishedEffectsLeaveNothingBehindInTheRenewal() {
		try (LeaseRenewal renewal = LeaseRenewal.create(Duration.ofHours(1))) {
			EffectTemplate template = template(renewal);
			// with the default 5 minute lease a renewal's first tick is 100 s away: a
			// finished effect must not wait for it
			for (int i = 0; i < 300; i++) {
				template.execute("run", "step", "k-" + i, "p", String.class, (context) -> "done");
			}
			assertThat(renewal.activeRenewals()).isZero();
			// the one periodic sweep, however many effects ran
			assertThat(renewal.queuedTasks()).isOne();
		}
	}

	@Test
	void aRunningEffectIsRenewedUntilItFinishes() throws Exception {
		try (LeaseRenewal renewal = LeaseRenewal.create(Duration.ofHours(1))) {
			EffectTemplate template = template(renewal);
			CountDownLatch entered = new CountDownLatch(1);
			CountDownLatch release = new CountDownLatch(1);
			ExecutorService executor = Executors.newSingleThreadExecutor();
			try {
				Future<String> running = executor
					.submit(() -> template.execute("run", "long", "k", "p", String.class, (context) -> {
						entered.countDown();
						release.await(30, TimeUnit.SECONDS);
						return "done";
					}));
				assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
				assertThat(renewal.activeRenewals()).isOne();
				release.countDown();
				assertThat(running.get(30, TimeUnit.SECONDS)).isEqualTo("done");
			}
			finally {
				release.countDown();
				executor.shutdownNow();
			}
			assertThat(renewal.activeRenewals()).isZero();
		}
	}

	@Test
	void aFailingListenerDoesNotEndTheRenewal() throws Exception {
		// a store on a file without the effect table: every renewal fails
		try (BasicDataSource empty = SqliteDataSources.create(this.directory.resolve("empty.sqlite"),
				Duration.ofSeconds(10), 1); LeaseRenewal renewal = LeaseRenewal.create(Duration.ofHours(1))) {
			JdbcEffectStore broken = new JdbcEffectStore(empty);
			java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
			LeaseRenewal.Renewing renewing = renewal.start(broken, "r:s:k", 1, Duration.ofMillis(300), () -> {
			}, () -> {
				failures.incrementAndGet();
				throw new IllegalStateException("metrics backend down");
			});
			try {
				// a periodic task that throws is never run again: the listener's failure
				// must not end the renewal
				await().atMost(Duration.ofSeconds(20)).until(() -> failures.get() >= 3);
			}
			finally {
				renewing.stop();
			}
		}
	}

	@Test
	void renewalStopsAtItsMaximumDurationAndTheClaimThenExpires() throws Exception {
		try (LeaseRenewal renewal = LeaseRenewal.create(Duration.ofMillis(900))) {
			EffectTemplate template = template(renewal);
			EffectDefinition definition = EffectDefinition.of("run", "hanging", "k").withLease(Duration.ofMillis(300));
			String id = definition.key().effectId();
			CountDownLatch entered = new CountDownLatch(1);
			CountDownLatch release = new CountDownLatch(1);
			ExecutorService executor = Executors.newSingleThreadExecutor();
			try {
				Future<String> hanging = executor
					.submit(() -> template.execute(definition, "p", String.class, (context) -> {
						entered.countDown();
						release.await(60, TimeUnit.SECONDS);
						return "late";
					}));
				assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
				long firstLeaseEnd = this.store.find(id).orElseThrow().leaseUntil();
				// renewed while under the maximum duration ...
				await().atMost(Duration.ofSeconds(20))
					.until(() -> this.store.find(id).orElseThrow().leaseUntil() > firstLeaseEnd);
				// ... then no longer: the effect still runs, yet its claim expires and
				// its renewal task is gone
				await().atMost(Duration.ofSeconds(20)).until(() -> this.store.find(id).orElseThrow().leaseExpired());
				assertThat(hanging.isDone()).isFalse();
				await().atMost(Duration.ofSeconds(5)).until(() -> renewal.activeRenewals() == 0);
				// a duplicate may now take the claim over, and the hanging attempt's late
				// completion is rejected
				assertThat(template.execute(definition, "p", String.class, (context) -> "attempt " + context.attempt()))
					.isEqualTo("attempt 2");
				release.countDown();
				assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> hanging.get(30, TimeUnit.SECONDS))
					.withCauseInstanceOf(EffectLeaseLostException.class);
				assertThat(this.events).contains("lease_taken_over").containsOnlyOnce("lease_lost");
			}
			finally {
				release.countDown();
				executor.shutdownNow();
			}
		}
	}

}
