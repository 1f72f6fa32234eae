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

import io.driftq.idempotent.EffectMetrics;
import io.driftq.idempotent.EffectTemplate;
import io.driftq.idempotent.actuate.EffectsEndpoint;
import io.driftq.idempotent.jdbc.JdbcEffectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter without its optional dependencies: Micrometer (micrometer-core;
 * micrometer-observation comes with Spring Framework) and Spring Boot Actuator, each and
 * both, on a real SQLite file.
 */
class OptionalDependenciesAutoConfigurationTests {

	private static final String MICROMETER = "io.micrometer.core";

	private static final String ACTUATOR = "org.springframework.boot.actuate";

	@TempDir
	Path directory;

	private ApplicationContextRunner runner(String name, String... hiddenPackages) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(IdempotentEffectAutoConfiguration.class,
					EffectsEndpointAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(hiddenPackages))
			.withPropertyValues("driftq.effects.sqlite.path=" + this.directory.resolve(name),
					"management.endpoints.web.exposure.include=effects", "driftq.effects.retention.ttl=P7D");
	}

	@Test
	void withoutMicrometerEffectsRunAndNothingIsCounted() {
		runner("no-micrometer.sqlite", MICROMETER).run((context) -> {
			assertWorks(context);
			assertThat(context).doesNotHaveBean(EffectMetrics.class).hasSingleBean(EffectsEndpoint.class);
		});
	}

	@Test
	void withoutActuatorEffectsRunAndThereIsNoEndpoint() {
		runner("no-actuator.sqlite", ACTUATOR).run((context) -> {
			assertWorks(context);
			assertThat(context).doesNotHaveBean(EffectsEndpoint.class).hasSingleBean(MicrometerEffectMetrics.class);
		});
	}

	@Test
	void withNeitherEffectsRun() {
		runner("neither.sqlite", MICROMETER, ACTUATOR).run((context) -> {
			assertWorks(context);
			assertThat(context).doesNotHaveBean(EffectsEndpoint.class).doesNotHaveBean(EffectMetrics.class);
		});
	}

	private static void assertWorks(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed()
			.hasSingleBean(JdbcEffectStore.class)
			.hasSingleBean(EffectRetentionReaper.class);
		EffectTemplate template = context.getBean(EffectTemplate.class);
		int[] runs = { 0 };
		assertThat(template.execute("r", "step", "k", "p", String.class, (effect) -> "ran " + (++runs[0])))
			.isEqualTo("ran 1");
		assertThat(template.execute("r", "step", "k", "p", String.class, (effect) -> "ran " + (++runs[0])))
			.isEqualTo("ran 1");
		assertThat(runs[0]).isOne();
		assertThat(context.getBean(EffectRetentionReaper.class).reap()).isZero();
	}

}
