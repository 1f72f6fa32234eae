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
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.driftq.client.ConsumeOptions;
import io.driftq.client.ConsumeSubscription;
import io.driftq.client.DriftqClient;
import io.driftq.client.exception.DriftqMessageTooLargeException;
import io.driftq.client.model.ConsumedMessage;
import io.driftq.client.model.RetryPolicy;
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
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * The envelope the producer binding sends, from headers and SpEL expressions, as a real
 * {@code driftqd} and a consumer binding see it; and the producer's refusals (too large,
 * missing topic with auto-create-topics=false).
 */
@DriftqServerTest
class DriftqProducerEnvelopeTests {

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		final List<Message<String>> received = new CopyOnWriteArrayList<>();

		@Bean
		Consumer<Message<String>> readers() {
			return this.received::add;
		}

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	private static ConfigurableApplicationContext run(DriftqServer server, String topic, String... extra) {
		List<String> args = new ArrayList<>(List.of("--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
				"--spring.main.web-application-type=none", "--spring.cloud.stream.output-bindings=out",
				"--spring.cloud.stream.bindings.out.destination=" + topic,
				"--spring.cloud.stream.bindings.out.content-type=text/plain"));
		args.addAll(List.of(extra));
		if (args.stream().noneMatch((arg) -> arg.startsWith("--spring.cloud.function.definition="))) {
			// only the output binding: the consumer function is not bound
			args.add("--spring.cloud.stream.function.autodetect=false");
		}
		return new SpringApplicationBuilder(App.class).run(args.toArray(String[]::new));
	}

	private static ConsumedMessage next(ConsumeSubscription subscription) throws InterruptedException {
		ConsumedMessage[] received = new ConsumedMessage[1];
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			received[0] = subscription.poll(Duration.ofMillis(200));
			return received[0] != null;
		});
		return received[0];
	}

	@Test
	void retryHeadersSetTheMessagesPolicyAndDriftqDeadLettersItAfterThoseAttempts(DriftqServer server)
			throws InterruptedException {
		String topic = "retry-header-" + UUID.randomUUID();
		String control = "retry-binding-" + UUID.randomUUID();
		try (ConfigurableApplicationContext context = run(server, topic);
				ConfigurableApplicationContext controlContext = run(server, control);
				DriftqClient client = DriftqClient.builder(server.baseUrl()).build()) {
			context.getBean(StreamBridge.class)
				.send("out",
						MessageBuilder.withPayload("twice")
							.setHeader(DriftqHeaders.RETRY_MAX_ATTEMPTS, 2)
							.setHeader(DriftqHeaders.RETRY_BACKOFF, "250ms")
							.build());
			controlContext.getBean(StreamBridge.class).send("out", "five times");
			try (ConsumeSubscription subscription = client.subscribe(ConsumeOptions.builder(topic, "g").build());
					ConsumeSubscription controlSubscription = client
						.subscribe(ConsumeOptions.builder(control, "g").build())) {
				for (int attempt = 1; attempt <= 2; attempt++) {
					ConsumedMessage delivery = next(subscription);
					assertThat(delivery.attempts()).isEqualTo(attempt);
					assertThat(delivery.envelopeOrEmpty().retryPolicy()).isEqualTo(new RetryPolicy(2, 250, 30_000));
					client.nack(delivery, "failing on purpose");
					ConsumedMessage controlDelivery = next(controlSubscription);
					assertThat(controlDelivery.envelopeOrEmpty().retryPolicy())
						.isEqualTo(new RetryPolicy(5, 1000, 30_000));
					client.nack(controlDelivery, "failing on purpose");
				}
				// the binding's policy (5 attempts) delivers the control message a third
				// time...
				assertThat(next(controlSubscription).attempts()).isEqualTo(3);
			}
			// ...while the header's policy (2 attempts) moved the message to the dead
			// letter topic
			try (ConsumeSubscription dlq = client.subscribe(ConsumeOptions.builder("dlq." + topic, "dlq").build())) {
				assertThat(next(dlq).value()).isEqualTo("twice");
			}
		}
	}

	@Test
	void aRetryHeaderBelowTwoAttemptsFailsTheSendNamingTheHeader(DriftqServer server) {
		try (ConfigurableApplicationContext context = run(server, "retry-bad-" + UUID.randomUUID())) {
			assertThatException().isThrownBy(() -> context.getBean(StreamBridge.class)
				.send("out", MessageBuilder.withPayload("once").setHeader(DriftqHeaders.RETRY_MAX_ATTEMPTS, 1).build()))
				.satisfies((ex) -> assertThat(ex).rootCause()
					.hasMessageContaining(DriftqHeaders.RETRY_MAX_ATTEMPTS + " must be at least 2"));
		}
	}

	@Test
	void expressionsAndHeadersFillTheEnvelopeAndArriveAsInboundHeaders(DriftqServer server) {
		String topic = "envelope-" + UUID.randomUUID();
		try (ConfigurableApplicationContext context = run(server, topic, "--spring.cloud.function.definition=readers",
				"--spring.cloud.stream.bindings.readers-in-0.destination=" + topic,
				"--spring.cloud.stream.bindings.readers-in-0.group=readers",
				"--spring.cloud.stream.bindings.readers-in-0.content-type=text/plain",
				"--spring.cloud.stream.driftq.bindings.out.producer.key-expression=headers['k']",
				"--spring.cloud.stream.driftq.bindings.out.producer.idempotency-key-expression='order-' + headers['order']",
				"--spring.cloud.stream.driftq.bindings.out.producer.tenant-id-expression=headers['tenant']",
				"--spring.cloud.stream.driftq.bindings.out.producer.run-id-expression='run-' + new String(payload)",
				"--spring.cloud.stream.driftq.bindings.out.producer.step-id-expression='step-' + headers['order']")) {
			StreamBridge bridge = context.getBean(StreamBridge.class);
			bridge.send("out",
					MessageBuilder.withPayload("a")
						.setHeader("k", "key-a")
						.setHeader("order", 1)
						.setHeader("tenant", "acme")
						.build());
			// the same idempotency key in the same tenant and topic: DriftQ accepts it
			// and drops it
			bridge.send("out",
					MessageBuilder.withPayload("a-again")
						.setHeader("k", "key-a")
						.setHeader("order", 1)
						.setHeader("tenant", "acme")
						.build());
			// headers win over the expressions
			bridge.send("out",
					MessageBuilder.withPayload("b")
						.setHeader("k", "key-b")
						.setHeader("order", 2)
						.setHeader("tenant", "acme")
						.setHeader(DriftqHeaders.KEY, "direct-key")
						.setHeader(DriftqHeaders.IDEMPOTENCY_KEY, "direct-id")
						.build());
			App app = context.getBean(App.class);
			await().atMost(Duration.ofSeconds(20)).until(() -> app.received.size() >= 2);
			// (an expression sees the payload converted for sending: bytes, hence new
			// String(payload))
			Message<String> a = app.received.get(0);
			assertThat(a.getPayload()).isEqualTo("a");
			assertThat(a.getHeaders()).containsEntry(DriftqHeaders.KEY, "key-a")
				.containsEntry(DriftqHeaders.IDEMPOTENCY_KEY, "order-1")
				.containsEntry(DriftqHeaders.TENANT_ID, "acme")
				.containsEntry(DriftqHeaders.RUN_ID, "run-a")
				.containsEntry(DriftqHeaders.STEP_ID, "step-1")
				.containsEntry(DriftqHeaders.OFFSET, 0L);
			Message<String> b = app.received.get(1);
			assertThat(b.getPayload()).isEqualTo("b");
			// offset 1: "a-again" was never written (DriftQ's offsets are consecutive per
			// topic)
			assertThat(b.getHeaders()).containsEntry(DriftqHeaders.KEY, "direct-key")
				.containsEntry(DriftqHeaders.IDEMPOTENCY_KEY, "direct-id")
				.containsEntry(DriftqHeaders.STEP_ID, "step-2")
				.containsEntry(DriftqHeaders.OFFSET, 1L);
			assertThat(app.received).hasSize(2);
		}
	}

	@Test
	void anOversizedMessageFailsAtOnceWithoutBeingSent(DriftqServer server) {
		String topic = "oversized-" + UUID.randomUUID();
		try (ConfigurableApplicationContext context = run(server, topic)) {
			assertThatException().isThrownBy(() -> context.getBean(StreamBridge.class).send("out", "z".repeat(65_536)))
				.satisfies((ex) -> assertThat(ex).rootCause()
					.isInstanceOf(DriftqMessageTooLargeException.class)
					.hasMessage("message for topic '" + topic + "' is too large: key + value = 65536 bytes,"
							+ " DriftQ accepts at most 65535 bytes"));
			SimpleMeterRegistry registry = context.getBean(SimpleMeterRegistry.class);
			assertThat(registry.get("driftq.binder.produce.overload_retries").functionCounter().count()).isZero();
			assertThat(registry.get("driftq.binder.produce").tag("outcome", "failure").timer().count()).isEqualTo(1);
		}
	}

	@Test
	void withAutoCreateTopicsFalseASendToAMissingTopicFailsNamingThePropertyAndCreatesNothing(DriftqServer server) {
		String topic = "not-created-" + UUID.randomUUID();
		try (ConfigurableApplicationContext context = run(server, topic,
				"--spring.cloud.stream.driftq.binder.auto-create-topics=false");
				DriftqClient client = DriftqClient.builder(server.baseUrl()).build()) {
			StreamBridge bridge = context.getBean(StreamBridge.class);
			assertThatException().isThrownBy(() -> bridge.send("out", "nowhere to go"))
				.satisfies((ex) -> assertThat(DriftqPartitionCountAfterRestartTests.messageOf(ex, "does not exist"))
					.isEqualTo("DriftQ topic '" + topic + "' does not exist and"
							+ " spring.cloud.stream.driftq.binder.auto-create-topics is false: create it first"));
			assertThat(client.listTopics()).doesNotContain(topic);
			client.createTopic(topic, 1);
			assertThat(bridge.send("out", "now it exists")).isTrue();
		}
	}

}
