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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.driftq.idempotent.EffectDefinition;
import io.driftq.idempotent.EffectTemplate;
import io.driftq.idempotent.jdbc.JdbcEffectStore;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * The {@code driftq.effect} observation of an auto-configured application on a real
 * SQLite file: a child of the observation current when the effect is called (the binder's
 * consumer observation in a worker), its outcome, and the downstream idempotency key only
 * when configured.
 */
class EffectObservationTests {

	@TempDir
	Path directory;

	private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

	private final ObservationRegistry observations = ObservationRegistry.create();

	{
		this.observations.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

			@Override
			public void onStop(Observation.Context context) {
				EffectObservationTests.this.stopped.add(context);
			}

		});
	}

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(IdempotentEffectAutoConfiguration.class))
			.withBean(ObservationRegistry.class, () -> this.observations)
			.withPropertyValues("driftq.effects.sqlite.path=" + this.directory.resolve("observed.sqlite"));
	}

	@Test
	void theEffectObservationIsAChildOfTheCurrentObservation() {
		runner().run((context) -> {
			EffectTemplate template = context.getBean(EffectTemplate.class);
			Observation consumer = Observation.start("driftq.consumer", this.observations);
			try (Observation.Scope scope = consumer.openScope()) {
				template.execute("r1", "charge", "k", "p", String.class, (effect) -> "charged");
			}
			finally {
				consumer.stop();
			}
			Observation.Context effect = effect("charge");
			assertThat(effect.getParentObservation()).isSameAs(consumer);
			assertThat(effect.getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("executed");
			assertThat(effect.getLowCardinalityKeyValue("step").getValue()).isEqualTo("charge");
			assertThat(effect.getHighCardinalityKeyValue("effect.id").getValue()).isEqualTo("r1:charge:k");
			assertThat(effect.getHighCardinalityKeyValue("effect.idempotency_key")).isNull();
		});
	}

	@Test
	void anEffectThatRunsAgainAfterTakingOverAnExpiredClaimIsTaggedTakenOver() {
		runner().run((context) -> {
			EffectTemplate template = context.getBean(EffectTemplate.class);
			JdbcEffectStore store = context.getBean(JdbcEffectStore.class);
			EffectDefinition definition = EffectDefinition.of("r", "mail", "k").withLease(Duration.ofMillis(300));
			assertThatIllegalStateException()
				.isThrownBy(() -> template.execute(definition, "p", String.class, (effect) -> {
					throw new IllegalStateException("read timeout");
				}));
			await().atMost(Duration.ofSeconds(20))
				.until(() -> store.find(definition.key().effectId()).orElseThrow().leaseExpired());
			assertThat(template.execute(definition, "p", String.class, (effect) -> "attempt " + effect.attempt()))
				.isEqualTo("attempt 2");
			assertThat(this.stopped).extracting((observed) -> observed.getLowCardinalityKeyValue("outcome").getValue())
				.containsExactly("error", "taken_over");
		});
	}

	@Test
	void theDownstreamIdempotencyKeyIsAnObservationKeyOnlyWhenConfigured() {
		runner()
			.withPropertyValues("driftq.effects.observation.idempotency-key=true",
					"driftq.effects.idempotency-key-prefix=shop-eu:")
			.run((context) -> {
				context.getBean(EffectTemplate.class).execute("r1", "charge", "k", "p", String.class, (effect) -> "ok");
				KeyValue key = effect("charge").getHighCardinalityKeyValue("effect.idempotency_key");
				assertThat(key).isNotNull();
				assertThat(key.getValue()).isEqualTo("shop-eu:r1:charge:k");
			});
	}

	private Observation.Context effect(String step) {
		return this.stopped.stream()
			.filter((observed) -> "driftq.effect".equals(observed.getName()))
			.filter((observed) -> step.equals(observed.getLowCardinalityKeyValue("step").getValue()))
			.findFirst()
			.orElseThrow();
	}

}
