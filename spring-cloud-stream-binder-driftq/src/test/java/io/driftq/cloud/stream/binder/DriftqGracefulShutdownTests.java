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
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.driftq.client.DriftqClient;
import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of one group, as in a rolling deploy: the one being stopped finishes the
 * message it is handling and settles it itself (its consume stream stays open, so DriftQ
 * does not cut the lease to 2 s and hand the message to the other instance), and work
 * that outlasts {@code shutdown-timeout} is released to the other instance rather than
 * acked late.
 */
@DriftqServerTest
class DriftqGracefulShutdownTests {

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		final CountDownLatch release = new CountDownLatch(1);

		final List<String> received = new CopyOnWriteArrayList<>();

		final List<String> lastErrors = new CopyOnWriteArrayList<>();

		volatile boolean slowReturned;

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		/** "slow" waits for the test; everything else returns at once. */
		@Bean
		Consumer<Message<String>> work() {
			return (message) -> {
				this.received.add(message.getPayload());
				this.lastErrors.add(String.valueOf(message.getHeaders().get(DriftqHeaders.LAST_ERROR)));
				if (message.getPayload().equals("slow")) {
					try {
						this.release.await(60, TimeUnit.SECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					this.slowReturned = true;
				}
			};
		}

	}

	private static ConfigurableApplicationContext start(DriftqServer server, String topic, String shutdownTimeout) {
		return new SpringApplicationBuilder(App.class).run(
				"--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
				"--spring.main.web-application-type=none", "--spring.cloud.function.definition=work",
				"--spring.cloud.stream.bindings.work-in-0.destination=" + topic,
				"--spring.cloud.stream.bindings.work-in-0.group=workers",
				"--spring.cloud.stream.bindings.work-in-0.content-type=text/plain",
				"--spring.cloud.stream.driftq.bindings.work-in-0.consumer.lease=30s",
				"--spring.cloud.stream.driftq.bindings.work-in-0.consumer.shutdown-timeout=" + shutdownTimeout);
	}

	private static double count(SimpleMeterRegistry registry, String topic, String event) {
		Counter counter = registry.find("driftq.binder.consumer").tag("event", event).tag("topic", topic).counter();
		return (counter != null) ? counter.count() : 0;
	}

	@Test
	void theStoppingInstanceFinishesAndAcksItsMessageAndTheOtherNeverGetsIt(DriftqServer server) throws Exception {
		String topic = "graceful-" + UUID.randomUUID();
		try (DriftqClient client = DriftqClient.builder(server.baseUrl())
			.requestTimeout(Duration.ofSeconds(2))
			.build()) {
			client.createTopic(topic, 1);
			ConfigurableApplicationContext stopping = start(server, topic, "30s");
			App stoppingApp = stopping.getBean(App.class);
			SimpleMeterRegistry stoppingMetrics = stopping.getBean(SimpleMeterRegistry.class);
			client.produce(topic, null, "slow");
			await().atMost(Duration.ofSeconds(20)).until(() -> stoppingApp.received.contains("slow"));
			try (ConfigurableApplicationContext other = start(server, topic, "30s")) {
				App otherApp = other.getBean(App.class);
				CompletableFuture<Void> stopped = CompletableFuture.runAsync(stopping::close);
				// well past DriftQ's 2 s lease of an owner without an open stream: the
				// other instance never gets it
				await().during(Duration.ofSeconds(4))
					.atMost(Duration.ofSeconds(6))
					.until(() -> !otherApp.received.contains("slow") && !stopped.isDone());
				stoppingApp.release.countDown();
				stopped.get(20, TimeUnit.SECONDS);
				assertThat(count(stoppingMetrics, topic, "acked")).isEqualTo(1);
				assertThat(count(stoppingMetrics, topic, "lease_lost")).isZero();
				// new work goes to the remaining instance, and "slow" does not come back
				client.produce(topic, null, "after");
				await().atMost(Duration.ofSeconds(20)).until(() -> otherApp.received.contains("after"));
				assertThat(otherApp.received).doesNotContain("slow");
			}
		}
	}

	@Test
	void workOutlastingTheShutdownTimeoutIsReleasedToTheOtherInstanceNotAcked(DriftqServer server) throws Exception {
		String topic = "graceful-timeout-" + UUID.randomUUID();
		try (DriftqClient client = DriftqClient.builder(server.baseUrl())
			.requestTimeout(Duration.ofSeconds(2))
			.build()) {
			client.createTopic(topic, 1);
			ConfigurableApplicationContext stopping = start(server, topic, "1s");
			App stoppingApp = stopping.getBean(App.class);
			SimpleMeterRegistry stoppingMetrics = stopping.getBean(SimpleMeterRegistry.class);
			client.produce(topic, null, "slow");
			await().atMost(Duration.ofSeconds(20)).until(() -> stoppingApp.received.contains("slow"));
			try (ConfigurableApplicationContext other = start(server, topic, "30s")) {
				App otherApp = other.getBean(App.class);
				SimpleMeterRegistry otherMetrics = other.getBean(SimpleMeterRegistry.class);
				otherApp.release.countDown();
				CompletableFuture<Void> stopped = CompletableFuture.runAsync(stopping::close);
				stopped.get(20, TimeUnit.SECONDS);
				// released with a nack naming the shutdown timeout (not left to lapse as
				// ack_timeout)
				await().atMost(Duration.ofSeconds(20)).until(() -> otherApp.received.contains("slow"));
				assertThat(otherApp.lastErrors.get(otherApp.received.indexOf("slow")))
					.contains(DriftqMessageListenerContainer.SHUTDOWN_TIMEOUT);
				assertThat(count(stoppingMetrics, topic, "nacked")).isEqualTo(1);
				// the handler that outlasted the timeout returns now: its late ack is
				// dropped, not sent
				stoppingApp.release.countDown();
				await().atMost(Duration.ofSeconds(10)).until(() -> stoppingApp.slowReturned);
				await().during(Duration.ofSeconds(1))
					.atMost(Duration.ofSeconds(3))
					.until(() -> count(stoppingMetrics, topic, "acked") == 0
							&& count(stoppingMetrics, topic, "lease_lost") == 0);
				await().atMost(Duration.ofSeconds(10)).until(() -> count(otherMetrics, topic, "acked") == 1);
			}
		}
	}

}
