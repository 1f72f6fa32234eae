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

package io.driftq.idempotent.test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.driftq.idempotent.EffectCheckpoint.Point;
import io.driftq.idempotent.EffectContext;
import io.driftq.idempotent.EffectDefinition;
import io.driftq.idempotent.EffectMetrics;
import io.driftq.idempotent.EffectStatus;
import io.driftq.idempotent.EffectStore;
import io.driftq.idempotent.EffectTemplate;
import io.driftq.idempotent.IdempotentEffect;
import io.driftq.idempotent.autoconfigure.IdempotentEffectAutoConfiguration;
import io.driftq.idempotent.jdbc.JdbcEffectStore;
import io.driftq.idempotent.jdbc.SqliteDataSources;
import org.apache.commons.dbcp2.BasicDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link EffectCrashPoints} as applications use it: a bean the auto-configuration wires
 * into the template, and a real JVM halted at a crash point.
 */
class EffectCrashPointsTests {

	@TempDir
	Path directory;

	@Test
	void aCrashPointsBeanCrashesAnAnnotatedEffectAndTheRedeliveryRerunsIt() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(AopAutoConfiguration.class, IdempotentEffectAutoConfiguration.class))
			.withUserConfiguration(CrashTestConfiguration.class)
			.withPropertyValues("driftq.effects.sqlite.path=" + this.directory.resolve("effects.sqlite"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				Charges charges = context.getBean(Charges.class);
				EffectCrashPoints crashPoints = context.getBean(EffectCrashPoints.class);
				crashPoints.crashOnce(Point.AFTER_EFFECT, "charge_card");
				SimulatedCrash crash = assertThrows(SimulatedCrash.class, () -> charges.charge("order-1"));
				assertThat(charges.calls()).isOne();
				crashPoints.expireLease(crash.getEffectId());
				assertThat(charges.charge("order-1")).isEqualTo("order-1 attempt 2 takenOver true");
				assertThat(charges.charge("order-1")).isEqualTo("order-1 attempt 2 takenOver true");
				assertThat(charges.calls()).isEqualTo(2);
			});
	}

	@Test
	void haltOnceStopsTheJvmAfterTheEffectLeavingTheClaimForTheNextDelivery() throws Exception {
		Path file = this.directory.resolve("halt.sqlite");
		Path effects = Files.createDirectories(this.directory.resolve("effects"));
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				HaltingEffectMain.class.getName(), file.toString(), Point.AFTER_EFFECT.name(), effects.toString())
			.redirectErrorStream(true)
			.redirectOutput(this.directory.resolve("child.log").toFile())
			.start();
		assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(child.exitValue()).as(Files.readString(this.directory.resolve("child.log"))).isEqualTo(137);
		assertThat(effects.resolve("attempt-1")).exists();
		try (BasicDataSource dataSource = SqliteDataSources.create(file, Duration.ofSeconds(10), 2)) {
			JdbcEffectStore store = new JdbcEffectStore(dataSource);
			EffectDefinition charge = EffectDefinition.of("run-halt", "charge", "order-1");
			assertThat(store.find(charge.key().effectId()).orElseThrow().status()).isEqualTo(EffectStatus.CLAIMED);
			new EffectCrashPoints(store).expireLease(charge.key().effectId());
			EffectTemplate template = new EffectTemplate(store, JsonMapper.builder().build(), EffectMetrics.NONE,
					Duration.ofMinutes(5));
			String result = template.execute(charge, "order-1", String.class,
					(context) -> Files
						.writeString(effects.resolve("attempt-" + context.attempt()), context.idempotencyKey())
						.toString());
			assertThat(result).isEqualTo(effects.resolve("attempt-2").toString());
			assertThat(Files.readString(effects.resolve("attempt-2")))
				.isEqualTo(Files.readString(effects.resolve("attempt-1")));
		}
		assertThat(List.of(effects.toFile().list())).containsExactlyInAnyOrder("attempt-1", "attempt-2");
	}

	@Configuration(proxyBeanMethods = false)
	static class CrashTestConfiguration {

		@Bean
		EffectCrashPoints effectCrashPoints(EffectStore store) {
			return new EffectCrashPoints(store);
		}

		@Bean
		Charges charges() {
			return new Charges();
		}

	}

	static class Charges {

		private final AtomicInteger calls = new AtomicInteger();

		public int calls() {
			return this.calls.get(); // through the proxy: its own fields are not the
										// target's
		}

		@IdempotentEffect(step = "charge_card", run = "'run-1'", businessKey = "#orderId")
		public String charge(String orderId) {
			this.calls.incrementAndGet();
			EffectContext context = EffectContext.current();
			return orderId + " attempt " + context.attempt() + " takenOver " + context.takenOver();
		}

	}

}
