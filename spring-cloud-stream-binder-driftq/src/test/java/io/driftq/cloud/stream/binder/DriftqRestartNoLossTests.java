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

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import io.driftq.client.DriftqClient;
import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code driftqd} is killed while most of a keyed batch over four partitions is still
 * unprocessed, kept down for a while, and restarted on the same WAL: both consume streams
 * of the binding reconnect by themselves (capped backoff) and every message produced
 * before the kill and right after the restart is handled at least once (duplicates are
 * possible, so the test dedupes).
 */
@DriftqServerTest
class DriftqRestartNoLossTests {

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class CollectingApp {

		final Set<String> received = ConcurrentHashMap.newKeySet();

		/**
		 * Holds each worker on its first message, so that the rest of the batch is still
		 * unprocessed at the kill.
		 */
		final CountDownLatch gate = new CountDownLatch(1);

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		Consumer<String> collect() {
			return (value) -> {
				this.received.add(value);
				try {
					this.gate.await(60, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			};
		}

	}

	@Test
	void nothingIsLostAcrossAKillAndRestartMidStream(DriftqServer server) {
		String topic = "no-loss-" + UUID.randomUUID();
		try (DriftqClient client = DriftqClient.builder(server.baseUrl())
			.requestTimeout(Duration.ofSeconds(2))
			.build()) {
			client.createTopic(topic, 4);
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CollectingApp.class).run(
					"--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
					"--spring.main.web-application-type=none", "--spring.cloud.function.definition=collect",
					"--spring.cloud.stream.bindings.collect-in-0.destination=" + topic,
					"--spring.cloud.stream.bindings.collect-in-0.group=collectors",
					"--spring.cloud.stream.bindings.collect-in-0.content-type=text/plain",
					"--spring.cloud.stream.bindings.collect-in-0.consumer.concurrency=2",
					"--spring.cloud.stream.driftq.bindings.collect-in-0.consumer.lease=2s")) {
				CollectingApp app = context.getBean(CollectingApp.class);
				SimpleMeterRegistry registry = context.getBean(SimpleMeterRegistry.class);
				List<String> before = IntStream.range(0, 20).mapToObj((i) -> "m-" + i).toList();
				List<String> after = IntStream.range(0, 20).mapToObj((i) -> "n-" + i).toList();
				for (String value : before) {
					client.produce(topic, "key-" + value, value);
				}
				// both workers are on their first message: 18 of the 20 are unprocessed
				// when driftqd dies
				await().atMost(Duration.ofSeconds(20))
					.until(() -> app.received.size() == 2 && inFlight(registry, topic) == 2);
				assertThat(before).filteredOn((value) -> !app.received.contains(value)).hasSize(18);
				double reconnectsBefore = reconnects(registry, topic);
				server.kill();
				app.gate.countDown();
				// down for a while: no stream reconnects meanwhile (the readers retry
				// with doubling backoff)
				await().during(Duration.ofSeconds(3))
					.atMost(Duration.ofSeconds(5))
					.until(() -> !server.isRunning() && reconnects(registry, topic) == reconnectsBefore);
				server.restart();
				for (String value : after) {
					await().atMost(Duration.ofSeconds(20))
						.ignoreExceptions()
						.untilAsserted(() -> client.produce(topic, "key-" + value, value));
				}
				await().atMost(Duration.ofSeconds(60))
					.untilAsserted(() -> assertThat(app.received).containsAll(before).containsAll(after));
				// the binding reconnected by itself. A stream counts as reconnected only
				// once DriftQ answers it, which it
				// does with the first message it deals to that stream (no headers
				// before), so only one of the two
				// streams is certain to show it: all 40 messages may go through one of
				// them
				assertThat(reconnects(registry, topic)).isGreaterThanOrEqualTo(reconnectsBefore + 1);
				await().atMost(Duration.ofSeconds(10)).until(() -> inFlight(registry, topic) == 0);
			}
		}
	}

	private static double inFlight(SimpleMeterRegistry registry, String topic) {
		return registry.get("driftq.binder.in_flight").tag("topic", topic).tag("group", "collectors").gauge().value();
	}

	private static double reconnects(SimpleMeterRegistry registry, String topic) {
		return registry.get("driftq.binder.reconnects").tag("topic", topic).functionCounter().count();
	}

}
