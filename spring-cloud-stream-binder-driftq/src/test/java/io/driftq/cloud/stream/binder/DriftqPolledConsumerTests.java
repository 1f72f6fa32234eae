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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.stream.binder.PollableMessageSource;
import org.springframework.cloud.stream.binder.RequeueCurrentMessageException;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.integration.StaticMessageHeaderAccessor;
import org.springframework.integration.acks.AcknowledgmentCallback;
import org.springframework.integration.acks.AcknowledgmentCallback.Status;
import org.springframework.messaging.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Polled consumers ({@code spring.cloud.stream.pollable-source}) against a real
 * {@code driftqd}: auto-ack, a failing handler's dead letter, a message left unsettled
 * coming back after its lease, and REQUEUE.
 */
@DriftqServerTest
class DriftqPolledConsumerTests {

	private static final ParameterizedTypeReference<String> STRING = new ParameterizedTypeReference<>() {
	};

	record Delivery(String payload, int attempts, String lastError, long offset) {
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class PolledApp {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	private static ConfigurableApplicationContext run(DriftqServer server, String topic, String... extra) {
		return runWithLease(server, topic, "2s", extra);
	}

	private static ConfigurableApplicationContext runWithLease(DriftqServer server, String topic, String lease,
			String... extra) {
		List<String> args = new ArrayList<>(List.of("--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
				"--spring.main.web-application-type=none", "--spring.cloud.function.definition=",
				"--spring.cloud.stream.pollable-source=polled",
				"--spring.cloud.stream.bindings.polled-in-0.destination=" + topic,
				"--spring.cloud.stream.bindings.polled-in-0.group=pollers",
				"--spring.cloud.stream.bindings.polled-in-0.consumer.max-attempts=2",
				"--spring.cloud.stream.bindings.polled-in-0.consumer.back-off-initial-interval=10",
				"--spring.cloud.stream.driftq.bindings.polled-in-0.consumer.lease=" + lease,
				"--spring.cloud.stream.driftq.default.producer.retry-max-attempts=5"));
		args.addAll(List.of(extra));
		return new SpringApplicationBuilder(PolledApp.class).run(args.toArray(String[]::new));
	}

	/** Poll once, recording the delivery before {@code handler} runs. */
	private static boolean poll(PollableMessageSource source, List<Delivery> deliveries, Consumer<Message<?>> handler) {
		return source.poll((message) -> {
			deliveries.add(new Delivery((String) message.getPayload(),
					message.getHeaders().get(DriftqHeaders.ATTEMPTS, Integer.class),
					message.getHeaders().get(DriftqHeaders.LAST_ERROR, String.class),
					message.getHeaders().get(DriftqHeaders.OFFSET, Long.class)));
			handler.accept(message);
		}, STRING);
	}

	@Test
	void pollsEachMessageOnceAndAcksIt(DriftqServer server) {
		String topic = "polled-" + UUID.randomUUID();
		try (ConfigurableApplicationContext context = run(server, topic)) {
			PollableMessageSource source = context.getBean(PollableMessageSource.class);
			List<Delivery> deliveries = new CopyOnWriteArrayList<>();
			List<Message<?>> messages = new CopyOnWriteArrayList<>();
			SimpleMeterRegistry registry = context.getBean(SimpleMeterRegistry.class);
			List<Double> inFlightWhileHandling = new CopyOnWriteArrayList<>();
			Consumer<Message<?>> handler = (message) -> {
				inFlightWhileHandling.add(registry.get("driftq.binder.in_flight").tag("topic", topic).gauge().value());
				messages.add(message);
			};
			// nothing produced yet: poll answers at once with nothing
			long start = System.nanoTime();
			assertThat(poll(source, deliveries, messages::add)).isFalse();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
			StreamBridge bridge = context.getBean(StreamBridge.class);
			for (int i = 0; i < 5; i++) {
				bridge.send(topic, "m-" + i);
			}
			await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ZERO).untilAsserted(() -> {
				poll(source, deliveries, handler);
				assertThat(deliveries).hasSize(5);
			});
			// the polled binding has the push binding's gauges: one message in flight
			// while its handler runs
			assertThat(inFlightWhileHandling).containsOnly(1.0);
			assertThat(registry.get("driftq.binder.in_flight").tag("topic", topic).gauge().value()).isZero();
			assertThat(registry.get("driftq.binder.reconnects").tag("topic", topic).functionCounter().count()).isZero();
			assertThat(deliveries).extracting(Delivery::payload)
				.containsExactlyInAnyOrder("m-0", "m-1", "m-2", "m-3", "m-4");
			assertThat(deliveries).extracting(Delivery::attempts).containsOnly(1);
			Message<?> first = messages.get(0);
			assertThat(first.getHeaders()).containsEntry(DriftqHeaders.TOPIC, topic)
				.containsEntry(DriftqHeaders.GROUP, "pollers")
				.containsKeys(DriftqHeaders.PARTITION, DriftqHeaders.OFFSET);
			assertThat(StaticMessageHeaderAccessor.getAcknowledgmentCallback(first).isAcknowledged()).isTrue();
			// all acked: nothing comes back, not even after the 2 s lease
			await().during(Duration.ofSeconds(5))
				.atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ZERO)
				.untilAsserted(() -> {
					poll(source, deliveries, messages::add);
					assertThat(deliveries).hasSize(5);
				});
		}
	}

	@Test
	void failingHandlerDeadLettersWithBinderDlq(DriftqServer server) throws InterruptedException {
		String topic = "polled-dlq-" + UUID.randomUUID();
		try (ConfigurableApplicationContext context = run(server, topic,
				"--spring.cloud.stream.driftq.bindings.polled-in-0.consumer.dlq-mode=binder")) {
			PollableMessageSource source = context.getBean(PollableMessageSource.class);
			StreamBridge bridge = context.getBean(StreamBridge.class);
			bridge.send(topic, "poison");
			bridge.send(topic, "fine");
			List<Delivery> deliveries = new CopyOnWriteArrayList<>();
			await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ZERO).untilAsserted(() -> {
				poll(source, deliveries, (message) -> {
					if ("poison".equals(message.getPayload())) {
						throw new IllegalStateException("cannot handle poison");
					}
				});
				assertThat(deliveries).extracting(Delivery::payload).contains("fine");
				// its budget (retry-max-attempts=5) is spent: 5 deliveries,
				// max-attempts=2 in process each
				assertThat(deliveries).filteredOn((d) -> d.payload().equals("poison")).hasSize(10);
			});
			try (DriftqClient client = DriftqClient.builder(server.baseUrl()).build()) {
				await().atMost(Duration.ofSeconds(20)).until(() -> client.listTopics().contains(topic + ".dlq"));
				try (ConsumeSubscription dlq = client
					.subscribe(ConsumeOptions.builder(topic + ".dlq", "inspector").build())) {
					ConsumedMessage dead = dlq.poll(Duration.ofSeconds(20));
					assertThat(dead).isNotNull();
					Map<?, ?> record = JsonMapper.builder().build().readValue(dead.value(), Map.class);
					assertThat(record.get("payload")).isEqualTo("poison");
					assertThat((String) record.get("error")).contains("IllegalStateException")
						.contains("cannot handle poison");
					assertThat(record.get("topic")).isEqualTo(topic);
					assertThat(record.get("group")).isEqualTo("pollers");
					assertThat(record.get("in_process_attempts")).isEqualTo(2);
					assertThat(record.get("attempts")).isEqualTo(5);
					client.ack(dead);
				}
			}
			// dead-lettered and acked: not redelivered after the lease
			await().during(Duration.ofSeconds(4))
				.atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ZERO)
				.untilAsserted(() -> {
					poll(source, deliveries, (message) -> {
					});
					assertThat(deliveries).hasSize(11);
				});
		}
	}

	@Test
	void messageLeftUnsettledComesBackAfterItsLease(DriftqServer server) {
		String topic = "polled-lease-" + UUID.randomUUID();
		try (ConfigurableApplicationContext context = run(server, topic)) {
			PollableMessageSource source = context.getBean(PollableMessageSource.class);
			context.getBean(StreamBridge.class).send(topic, "unsettled");
			List<Delivery> deliveries = new CopyOnWriteArrayList<>();
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ZERO).untilAsserted(() -> {
				poll(source, deliveries, (message) -> {
					AcknowledgmentCallback callback = StaticMessageHeaderAccessor.getAcknowledgmentCallback(message);
					int attempts = message.getHeaders().get(DriftqHeaders.ATTEMPTS, Integer.class);
					if (attempts == 1) {
						// taken over by the application and never settled
						callback.noAutoAck();
					}
				});
				assertThat(deliveries).extracting(Delivery::attempts).containsExactly(1, 2);
			});
			assertThat(deliveries.get(1).lastError()).contains("ack_timeout");
			assertThat(deliveries.get(1).offset()).isEqualTo(deliveries.get(0).offset());
			// the second delivery was auto-acked
			await().during(Duration.ofSeconds(4))
				.atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ZERO)
				.untilAsserted(() -> {
					poll(source, deliveries, (message) -> {
					});
					assertThat(deliveries).hasSize(2);
				});
		}
	}

	@Test
	void requeuedMessageIsRedelivered(DriftqServer server) {
		String topic = "polled-requeue-" + UUID.randomUUID();
		try (ConfigurableApplicationContext context = runWithLease(server, topic, "30s")) {
			PollableMessageSource source = context.getBean(PollableMessageSource.class);
			StreamBridge bridge = context.getBean(StreamBridge.class);
			bridge.send(topic, "requeue-callback");
			bridge.send(topic, "requeue-exception");
			List<Delivery> deliveries = new CopyOnWriteArrayList<>();
			// with a 30 s lease, anything seen twice within 20 s was nacked, not left to
			// its lease
			await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ZERO).untilAsserted(() -> {
				poll(source, deliveries, (message) -> {
					int attempts = message.getHeaders().get(DriftqHeaders.ATTEMPTS, Integer.class);
					if (attempts > 1) {
						return;
					}
					if ("requeue-callback".equals(message.getPayload())) {
						StaticMessageHeaderAccessor.getAcknowledgmentCallback(message).acknowledge(Status.REQUEUE);
					}
					else {
						throw new RequeueCurrentMessageException("again, please");
					}
				});
				assertThat(deliveries).filteredOn((d) -> d.payload().equals("requeue-callback"))
					.extracting(Delivery::attempts)
					.containsExactly(1, 2);
				assertThat(deliveries).filteredOn((d) -> d.payload().equals("requeue-exception") && d.attempts() > 1)
					.extracting(Delivery::attempts)
					.containsExactly(2);
			});
			assertThat(deliveries).filteredOn((d) -> d.attempts() == 2)
				.extracting(Delivery::lastError)
				.containsOnly(DriftqPolledMessageSource.REQUEUED);
		}
	}

}
