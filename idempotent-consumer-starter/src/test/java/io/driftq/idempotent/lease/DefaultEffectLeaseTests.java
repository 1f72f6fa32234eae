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

package io.driftq.idempotent.lease;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.driftq.idempotent.EffectDefinition;
import io.driftq.idempotent.EffectInProgressException;
import io.driftq.idempotent.EffectRecord;
import io.driftq.idempotent.EffectStatus;
import io.driftq.idempotent.EffectStore;
import io.driftq.idempotent.EffectTemplate;
import io.driftq.idempotent.autoconfigure.EffectsProperties;
import io.driftq.idempotent.autoconfigure.IdempotentEffectAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The default effect lease (15 s) with lease renewal on, as an application gets it: a
 * live effect keeps its claim however long it runs, a crashed one frees its claim within
 * a lease, and a duplicate is told how long that lease has left.
 */
class DefaultEffectLeaseTests {

	private static final Duration DEFAULT_LEASE = Duration.ofSeconds(15);

	@TempDir
	Path directory;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(IdempotentEffectAutoConfiguration.class))
			.withPropertyValues("driftq.effects.sqlite.path=" + this.directory.resolve("effects.sqlite"));
	}

	@Test
	void theDefaultLeaseIsFifteenSeconds() {
		assertThat(new EffectsProperties().getLease()).isEqualTo(DEFAULT_LEASE);
	}

	@Test
	void anEffectRunningFortySecondsWithTheDefaultLeaseIsNotTakenOver() {
		runner().run((context) -> {
			EffectTemplate template = context.getBean(EffectTemplate.class);
			EffectDefinition charge = EffectDefinition.of("run-long", "charge", "order-1");
			AtomicInteger runs = new AtomicInteger();
			CompletableFuture<Void> finish = new CompletableFuture<>();
			CompletableFuture<String> first = CompletableFuture
				.supplyAsync(() -> template.execute(charge, "order-1", String.class, (effect) -> {
					runs.incrementAndGet();
					finish.get(90, TimeUnit.SECONDS); // the effect runs until the test
														// has seen 40 s pass
					return "charged";
				}));
			await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() == 1);
			long started = System.nanoTime();
			List<Duration> retryAfters = new ArrayList<>();
			// a duplicate every second for 40 s (well past two leases): always told "in
			// progress", never run
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
				assertThat(first).isNotDone();
				EffectInProgressException inProgress = (EffectInProgressException) org.assertj.core.api.Assertions
					.catchThrowable(() -> template.execute(charge, "order-1", String.class, (effect) -> {
						runs.incrementAndGet();
						return "charged twice";
					}));
				assertThat(inProgress).as("a duplicate while the first attempt runs").isNotNull();
				retryAfters.add(inProgress.retryAfter());
				return System.nanoTime() - started >= Duration.ofSeconds(40).toNanos();
			});
			finish.complete(null);
			assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("charged");
			assertThat(runs).hasValue(1);
			EffectRecord row = context.getBean(EffectStore.class).find(charge.key().effectId()).orElseThrow();
			assertThat(row.status()).isEqualTo(EffectStatus.SUCCEEDED);
			assertThat(row.attempts()).isOne();
			assertThat(retryAfters)
				.allSatisfy((retryAfter) -> assertThat(retryAfter).isPositive().isLessThanOrEqualTo(DEFAULT_LEASE));
		});
	}

	@Test
	void aDuplicateIsToldTheClaimsRemainingLease() {
		runner().run((context) -> {
			EffectTemplate template = context.getBean(EffectTemplate.class);
			EffectDefinition charge = EffectDefinition.of("run-busy", "charge", "order-1")
				.withLease(Duration.ofSeconds(8));
			CompletableFuture<Void> finish = new CompletableFuture<>();
			AtomicInteger runs = new AtomicInteger();
			CompletableFuture<String> first = CompletableFuture
				.supplyAsync(() -> template.execute(charge, "order-1", String.class, (effect) -> {
					runs.incrementAndGet();
					finish.get(30, TimeUnit.SECONDS);
					return "charged";
				}));
			await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() == 1);
			assertThatExceptionOfType(EffectInProgressException.class)
				.isThrownBy(() -> template.execute(charge, "order-1", String.class, (effect) -> "twice"))
				.satisfies((ex) -> assertThat(ex.retryAfter()).isGreaterThan(Duration.ofSeconds(5))
					.isLessThanOrEqualTo(Duration.ofSeconds(8)))
				.withMessageContaining("claim lease left");
			finish.complete(null);
			assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("charged");
		});
	}

	@Test
	void afterACrashTheClaimIsTakenOverWithinTheDefaultLease() throws Exception {
		Path file = this.directory.resolve("effects.sqlite");
		Path marker = this.directory.resolve("claimed");
		Path log = this.directory.resolve("child.log");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process child = new ProcessBuilder(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp",
				System.getProperty("java.class.path"), DefaultLeaseEffectMain.class.getName(), file.toString(),
				marker.toString())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			await("the child's claim").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50)).until(() -> {
				assertThat(child.isAlive()).as(() -> read(log)).isTrue();
				return Files.exists(marker);
			});
		}
		finally {
			child.destroyForcibly();
		}
		assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
		long killed = System.nanoTime();
		runner().run((context) -> {
			EffectTemplate template = context.getBean(EffectTemplate.class);
			EffectDefinition charge = EffectDefinition.of("run-crash", "charge", "order-1");
			List<Duration> retryAfters = new ArrayList<>();
			await("takeover of the dead claim").atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> {
					try {
						return template.execute(charge, "order-1", String.class,
								(effect) -> "attempt " + effect.attempt() + " takenOver " + effect.takenOver());
					}
					catch (EffectInProgressException ex) {
						retryAfters.add(ex.retryAfter());
						return null;
					}
				}, (result) -> result != null);
			Duration waited = Duration.ofNanos(System.nanoTime() - killed);
			// the lease was renewed at most a third of it before the kill
			assertThat(waited).isLessThan(DEFAULT_LEASE.plusMillis(1500));
			assertThat(retryAfters).isNotEmpty()
				.allSatisfy((retryAfter) -> assertThat(retryAfter).isLessThanOrEqualTo(DEFAULT_LEASE));
			EffectRecord row = context.getBean(EffectStore.class).find(charge.key().effectId()).orElseThrow();
			assertThat(row.status()).isEqualTo(EffectStatus.SUCCEEDED);
			assertThat(row.attempts()).isEqualTo(2);
			assertThat(row.result()).isEqualTo("\"attempt 2 takenOver true\"");
		});
	}

	private static String read(Path log) {
		try {
			return Files.exists(log) ? Files.readString(log) : "";
		}
		catch (java.io.IOException ex) {
			return ex.toString();
		}
	}

}
