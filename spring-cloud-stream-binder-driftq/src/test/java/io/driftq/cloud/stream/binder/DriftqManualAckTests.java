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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.driftq.client.ConsumeOptions;
import io.driftq.client.ConsumeSubscription;
import io.driftq.client.DriftqClient;
import io.driftq.client.model.ConsumedMessage;
import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.IntegrationMessageHeaderAccessor;
import org.springframework.integration.acks.AcknowledgmentCallback;
import org.springframework.integration.acks.AcknowledgmentCallback.Status;
import org.springframework.messaging.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * MANUAL ack mode against a real {@code driftqd}: accept, reject and requeue through the
 * standard {@link AcknowledgmentCallback}, and an unsettled message coming back after its
 * lease (counted as {@code unsettled}; its late settlement as {@code lease_lost}).
 */
@DriftqServerTest
class DriftqManualAckTests {

	record Delivery(String payload, int attempts, String lastError) {
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ManualApp {

		final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

		/**
		 * The callback of the first delivery of "unsettled-…", which the handler left to
		 * its lease.
		 */
		volatile AcknowledgmentCallback leftUnsettled;

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		Consumer<Message<String>> manual() {
			return (message) -> {
				int attempts = message.getHeaders().get(DriftqHeaders.ATTEMPTS, Integer.class);
				String lastError = message.getHeaders().get(DriftqHeaders.LAST_ERROR, String.class);
				this.deliveries.add(new Delivery(message.getPayload(), attempts, lastError));
				AcknowledgmentCallback callback = message.getHeaders()
					.get(IntegrationMessageHeaderAccessor.ACKNOWLEDGMENT_CALLBACK, AcknowledgmentCallback.class);
				String payload = message.getPayload();
				if (payload.startsWith("requeue") && attempts == 1) {
					callback.acknowledge(Status.REQUEUE);
				}
				else if (payload.startsWith("reject")) {
					callback.acknowledge(Status.REJECT);
				}
				else if (payload.startsWith("unsettled") && attempts == 1) {
					// left to its lease
					this.leftUnsettled = callback;
				}
				else {
					callback.acknowledge(Status.ACCEPT);
				}
			};
		}

	}

	private static ConfigurableApplicationContext run(DriftqServer server, String topic) {
		return new SpringApplicationBuilder(ManualApp.class).run(
				"--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
				"--spring.main.web-application-type=none", "--spring.cloud.function.definition=manual",
				"--spring.cloud.stream.bindings.manual-in-0.destination=" + topic,
				"--spring.cloud.stream.bindings.manual-in-0.group=manual",
				"--spring.cloud.stream.driftq.bindings.manual-in-0.consumer.ack-mode=manual",
				"--spring.cloud.stream.driftq.bindings.manual-in-0.consumer.lease=1s",
				"--spring.cloud.stream.driftq.default.producer.retry-max-attempts=2");
	}

	@Test
	void acceptRejectAndRequeue(DriftqServer server) throws InterruptedException {
		String topic = "manual-" + UUID.randomUUID();
		try (ConfigurableApplicationContext context = run(server, topic)) {
			StreamBridge bridge = context.getBean(StreamBridge.class);
			bridge.send(topic, "accept-1");
			bridge.send(topic, "requeue-1");
			bridge.send(topic, "reject-1");
			bridge.send(topic, "accept-2");
			ManualApp app = context.getBean(ManualApp.class);
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(app.deliveries).filteredOn((d) -> d.payload().equals("requeue-1"))
					.extracting(Delivery::attempts)
					.containsExactly(1, 2));
			assertThat(app.deliveries).filteredOn((d) -> d.payload().equals("accept-1")).hasSize(1);
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(app.deliveries).extracting(Delivery::payload).contains("accept-2"));
			// REJECT means "do not redeliver": the binder copies it to the broker DLQ at
			// once and acks it, so it is
			// delivered once although the producer's retry policy allows 2 deliveries
			// (and well past its 1 s lease)
			await().during(Duration.ofSeconds(3))
				.atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(app.deliveries).filteredOn((d) -> d.payload().equals("reject-1"))
					.extracting(Delivery::attempts)
					.containsExactly(1));
			SimpleMeterRegistry registry = context.getBean(SimpleMeterRegistry.class);
			assertThat(registry.get("driftq.binder.consumer")
				.tag("event", "dead_lettered")
				.tag("topic", topic)
				.counter()
				.count()).isEqualTo(1.0);
			try (DriftqClient client = DriftqClient.builder(server.baseUrl()).build()) {
				await().atMost(Duration.ofSeconds(20)).until(() -> client.listTopics().contains("dlq." + topic));
				try (ConsumeSubscription dlq = client
					.subscribe(ConsumeOptions.builder("dlq." + topic, "inspector").build())) {
					ConsumedMessage dead = dlq.poll(Duration.ofSeconds(20));
					assertThat(dead).isNotNull();
					assertThat(dead.value()).isEqualTo("reject-1");
					client.ack(dead);
				}
			}
			assertThat(app.deliveries).filteredOn((d) -> d.payload().equals("accept-1")).hasSize(1);
		}
	}

	@Test
	void unsettledMessageIsRedeliveredAfterItsLease(DriftqServer server) {
		String topic = "lease-" + UUID.randomUUID();
		try (ConfigurableApplicationContext context = run(server, topic)) {
			context.getBean(StreamBridge.class).send(topic, "unsettled-1");
			ManualApp app = context.getBean(ManualApp.class);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(app.deliveries).filteredOn((d) -> d.payload().equals("unsettled-1"))
					.extracting(Delivery::attempts)
					.containsExactly(1, 2));
			assertThat(app.deliveries.get(1).lastError()).contains("ack_timeout");
			SimpleMeterRegistry registry = context.getBean(SimpleMeterRegistry.class);
			// the handler returned without settling: counted as a warning
			assertThat(registry.get("driftq.binder.consumer")
				.tag("event", "unsettled")
				.tag("topic", topic)
				.counter()
				.count()).isEqualTo(1.0);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> registry.find("driftq.binder.consumer")
					.tag("event", "acked")
					.tag("topic", topic)
					.counter() != null);
			// settling the first copy now is refused by DriftQ (the second copy was
			// acked): counted, not thrown
			app.leftUnsettled.acknowledge(Status.ACCEPT);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> registry.find("driftq.binder.consumer")
					.tag("event", "lease_lost")
					.tag("topic", topic)
					.counter() != null);
			assertThat(registry.get("driftq.binder.consumer")
				.tag("event", "lease_lost")
				.tag("topic", topic)
				.counter()
				.count()).isEqualTo(1.0);
		}
	}

}
