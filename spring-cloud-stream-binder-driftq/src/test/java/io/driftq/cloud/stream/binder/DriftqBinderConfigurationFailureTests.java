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

package io.driftq.cloud.stream.binder;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bad configuration fails at startup with a message naming the property; the bindings are
 * started with the application (an output binding declared by {@code output-bindings}, a
 * consumer function), against a real {@code driftqd} where they get as far as
 * provisioning.
 */
@DriftqServerTest
class DriftqBinderConfigurationFailureTests {

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		@Bean
		java.util.function.Consumer<String> sink() {
			return (value) -> {
			};
		}

	}

	private static void run(String url, String... extra) {
		List<String> args = new ArrayList<>(List.of("--spring.cloud.stream.driftq.binder.url=" + url,
				"--spring.main.web-application-type=none", "--spring.cloud.function.definition=sink",
				"--spring.cloud.stream.bindings.sink-in-0.destination=in-" + UUID.randomUUID(),
				"--spring.cloud.stream.bindings.sink-in-0.group=sinks", "--spring.cloud.stream.output-bindings=out",
				"--spring.cloud.stream.bindings.out.destination=out-" + UUID.randomUUID()));
		args.addAll(List.of(extra));
		new SpringApplicationBuilder(App.class).run(args.toArray(String[]::new)).close();
	}

	@Test
	void nonHttpUrlFailsNamingTheProperty() {
		assertThatThrownBy(() -> new SpringApplicationBuilder(DriftqBinderApplicationTests.App.class)
			.run("--spring.cloud.stream.driftq.binder.url=ftp://nowhere", "--test.topic=t-" + UUID.randomUUID(),
					"--spring.main.web-application-type=none")
			.close()).hasStackTraceContaining("spring.cloud.stream.driftq.binder.url");
	}

	@Test
	void observationWithoutAnObservationRegistryFailsNamingThePropertyAndTheFix(DriftqServer server) {
		assertThatThrownBy(() -> run(server.baseUrl(), "--spring.cloud.stream.driftq.binder.enable-observation=true"))
			.hasStackTraceContaining("spring.cloud.stream.driftq.binder.enable-observation is true but there is no"
					+ " ObservationRegistry bean: add Spring Boot's actuator");
	}

	@Test
	void badBinderSettingsFailNamingTheProperty(DriftqServer server) {
		assertThatThrownBy(() -> run(server.baseUrl(), "--spring.cloud.stream.driftq.binder.request-timeout=0s"))
			.hasStackTraceContaining("spring.cloud.stream.driftq.binder.request-timeout must be positive, was PT0S");
		assertThatThrownBy(() -> run(server.baseUrl(), "--spring.cloud.stream.driftq.binder.overload-retries=-1"))
			.hasStackTraceContaining("spring.cloud.stream.driftq.binder.overload-retries must not be negative, was -1");
	}

	@Test
	void aPartitionCountBelowOneFailsNamingTheProperty(DriftqServer server) {
		assertThatThrownBy(() -> run(server.baseUrl(), "--spring.cloud.stream.bindings.out.producer.partition-count=0"))
			.hasStackTraceContaining(
					"spring.cloud.stream.bindings.out.producer.partition-count must be at least 1, was 0");
	}

	@Test
	void consumerPartitionsBelowOneFailNamingTheProperty(DriftqServer server) {
		assertThatThrownBy(
				() -> run(server.baseUrl(), "--spring.cloud.stream.driftq.bindings.sink-in-0.consumer.partitions=0"))
			.hasStackTraceContaining(
					"spring.cloud.stream.driftq.bindings.sink-in-0.consumer.partitions must be at least 1, was 0");
	}

	@Test
	void aRetryPolicyBelowTwoAttemptsOrWithANegativeBackoffFailsNamingTheProperty(DriftqServer server) {
		assertThatThrownBy(
				() -> run(server.baseUrl(), "--spring.cloud.stream.driftq.bindings.out.producer.retry-max-attempts=1"))
			.hasStackTraceContaining(
					"spring.cloud.stream.driftq.bindings.out.producer.retry-max-attempts must be at least 2");
		assertThatThrownBy(
				() -> run(server.baseUrl(), "--spring.cloud.stream.driftq.bindings.out.producer.retry-backoff=-1s"))
			.hasStackTraceContaining(
					"spring.cloud.stream.driftq.bindings.out.producer.retry-backoff must not be negative, was PT-1S");
	}

	@Test
	void aNegativeMaxBlockFailsNamingTheProperty(DriftqServer server) {
		assertThatThrownBy(
				() -> run(server.baseUrl(), "--spring.cloud.stream.driftq.bindings.out.producer.max-block=-1s"))
			.hasStackTraceContaining(
					"spring.cloud.stream.driftq.bindings.out.producer.max-block must not be negative, was PT-1S");
	}

	@Test
	void aStallTimeoutThatIsNotPositiveFailsNamingTheProperty(DriftqServer server) {
		assertThatThrownBy(() -> run(server.baseUrl(), "--spring.cloud.stream.driftq.binder.health.stall-timeout=0s"))
			.hasStackTraceContaining(
					"spring.cloud.stream.driftq.binder.health.stall-timeout must be positive, was PT0S");
	}

}
