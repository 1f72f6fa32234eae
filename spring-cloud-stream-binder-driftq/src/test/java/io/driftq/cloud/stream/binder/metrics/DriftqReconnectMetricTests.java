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

package io.driftq.cloud.stream.binder.metrics;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.driftq.client.DriftqClient;
import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.stream.binder.PollableMessageSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.messaging.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code driftq.binder.reconnects} counts a consuming binding's reconnect across a broker
 * restart (graceful stop or kill, then start on the same WAL), once consumption has
 * resumed.
 */
@DriftqServerTest
class DriftqReconnectMetricTests {

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		final Set<String> received = ConcurrentHashMap.newKeySet();

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		Consumer<String> collect() {
			return this.received::add;
		}

		@Bean
		Consumer<Message<byte[]>> raw() {
			return (message) -> this.received.add(new String(message.getPayload()));
		}

	}

	@ParameterizedTest
	@ValueSource(booleans = { false, true })
	void aRestartOfDriftqdUnderAConsumingBindingIsCountedAsAReconnect(boolean kill, DriftqServer server) {
		String topic = "reconnect-" + UUID.randomUUID();
		try (DriftqClient client = DriftqClient.builder(server.baseUrl()).requestTimeout(Duration.ofSeconds(2)).build();
				ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class).run(
						"--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
						"--spring.main.web-application-type=none", "--spring.cloud.function.definition=collect",
						"--spring.cloud.stream.bindings.collect-in-0.destination=" + topic,
						"--spring.cloud.stream.bindings.collect-in-0.group=collectors",
						"--spring.cloud.stream.bindings.collect-in-0.content-type=text/plain")) {
			App app = context.getBean(App.class);
			SimpleMeterRegistry registry = context.getBean(SimpleMeterRegistry.class);
			client.produce(topic, null, "before");
			await().atMost(Duration.ofSeconds(20)).until(() -> app.received.contains("before"));
			assertThat(reconnects(registry, topic)).isZero();
			if (kill) {
				server.kill();
				server.start();
			}
			else {
				server.restart();
			}
			await().atMost(Duration.ofSeconds(20))
				.ignoreExceptions()
				.untilAsserted(() -> client.produce(topic, null, "after"));
			await().atMost(Duration.ofSeconds(60)).until(() -> app.received.contains("after"));
			assertThat(reconnects(registry, topic)).isGreaterThanOrEqualTo(1);
		}
	}

	/**
	 * Default settings (no content type, no lease, concurrency 1), the server stopped
	 * gracefully, down until the binding has seen its stream fail, then started on the
	 * same WAL.
	 */
	@Test
	void aMessageDrivenBindingUnderDefaultSettingsCountsTheReconnectOnceConsumptionResumes(DriftqServer server) {
		String topic = "reconnect-defaults-" + UUID.randomUUID();
		try (DriftqClient client = DriftqClient.builder(server.baseUrl()).requestTimeout(Duration.ofSeconds(2)).build();
				ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class).run(
						"--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
						"--spring.main.web-application-type=none", "--spring.cloud.function.definition=raw",
						"--spring.cloud.stream.bindings.raw-in-0.destination=" + topic,
						"--spring.cloud.stream.bindings.raw-in-0.group=defaults")) {
			App app = context.getBean(App.class);
			SimpleMeterRegistry registry = context.getBean(SimpleMeterRegistry.class);
			client.produce(topic, null, "before");
			await().atMost(Duration.ofSeconds(20)).until(() -> app.received.contains("before"));
			assertThat(reconnects(registry, topic)).isZero();
			server.stop();
			server.start();
			await().atMost(Duration.ofSeconds(20))
				.ignoreExceptions()
				.untilAsserted(() -> client.produce(topic, null, "after"));
			await().atMost(Duration.ofSeconds(60)).until(() -> app.received.contains("after"));
			assertThat(reconnects(registry, topic)).isGreaterThanOrEqualTo(1);
		}
	}

	@ParameterizedTest
	@ValueSource(booleans = { false, true })
	void aPolledBindingCountsTheReconnectOnceConsumptionResumes(boolean kill, DriftqServer server) {
		String topic = "reconnect-polled-" + UUID.randomUUID();
		ParameterizedTypeReference<String> type = new ParameterizedTypeReference<>() {
		};
		try (DriftqClient client = DriftqClient.builder(server.baseUrl()).requestTimeout(Duration.ofSeconds(2)).build();
				ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class).run(
						"--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
						"--spring.main.web-application-type=none", "--spring.cloud.function.definition=",
						"--spring.cloud.stream.pollable-source=polled",
						"--spring.cloud.stream.bindings.polled-in-0.destination=" + topic,
						"--spring.cloud.stream.bindings.polled-in-0.group=pollers")) {
			PollableMessageSource source = context.getBean(PollableMessageSource.class);
			Set<String> received = ConcurrentHashMap.newKeySet();
			SimpleMeterRegistry registry = context.getBean(SimpleMeterRegistry.class);
			client.produce(topic, null, "before");
			await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ZERO).until(() -> {
				source.poll((message) -> received.add((String) message.getPayload()), type);
				return received.contains("before");
			});
			assertThat(reconnects(registry, topic)).isZero();
			if (kill) {
				server.kill();
				server.start();
			}
			else {
				server.restart();
			}
			await().atMost(Duration.ofSeconds(20))
				.ignoreExceptions()
				.untilAsserted(() -> client.produce(topic, null, "after"));
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ZERO).until(() -> {
				source.poll((message) -> received.add((String) message.getPayload()), type);
				return received.contains("after");
			});
			assertThat(reconnects(registry, topic)).isGreaterThanOrEqualTo(1);
		}
	}

	private static double reconnects(SimpleMeterRegistry registry, String topic) {
		return registry.get("driftq.binder.reconnects").tag("topic", topic).functionCounter().count();
	}

}
