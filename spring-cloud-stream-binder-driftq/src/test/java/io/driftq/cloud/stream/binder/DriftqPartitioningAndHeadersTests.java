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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.driftq.client.ConsumeOptions;
import io.driftq.client.ConsumeSubscription;
import io.driftq.client.DriftqClient;
import io.driftq.client.model.ConsumedMessage;
import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;
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
import static org.awaitility.Awaitility.await;

/**
 * Spring Cloud Stream partitioning, envelope headers and the broker-visible failure
 * reason, against a real {@code driftqd}.
 */
@DriftqServerTest
class DriftqPartitioningAndHeadersTests {

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ProducerOnlyApp {

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class FlakyApp {

		final List<Message<String>> deliveries = new CopyOnWriteArrayList<>();

		@Bean
		Consumer<Message<String>> flaky() {
			return (message) -> {
				this.deliveries.add(message);
				if (message.getHeaders().get(DriftqHeaders.ATTEMPTS, Integer.class) == 1) {
					throw new IllegalStateException("flaky failure for " + message.getPayload());
				}
			};
		}

	}

	@Test
	void partitionKeyExpressionPicksThePartitionAndEnvelopeHeadersRoundTrip(DriftqServer server)
			throws InterruptedException {
		String topic = "partitioned-" + UUID.randomUUID();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ProducerOnlyApp.class).run(
				"--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
				"--spring.main.web-application-type=none", "--spring.cloud.function.definition=",
				"--spring.cloud.stream.bindings.out-0.destination=" + topic,
				"--spring.cloud.stream.bindings.out-0.producer.partition-key-expression=headers['pk']",
				"--spring.cloud.stream.bindings.out-0.producer.partition-count=3",
				"--spring.cloud.stream.driftq.bindings.out-0.producer.parent-step-id-expression='parent-' + headers['pk']",
				"--spring.cloud.stream.driftq.bindings.out-0.producer.deadline-expression="
						+ "T(java.time.Instant).parse('2999-01-01T00:00:00Z').plusSeconds(headers['pk'])");
				DriftqClient client = DriftqClient.builder(server.baseUrl()).build()) {
			StreamBridge bridge = context.getBean(StreamBridge.class);
			for (int pk = 0; pk < 3; pk++) {
				bridge.send("out-0",
						MessageBuilder.withPayload("{\"pk\":" + pk + "}")
							.setHeader("pk", pk)
							.setHeader(DriftqHeaders.RUN_ID, "run-" + pk)
							.setHeader(DriftqHeaders.TENANT_ID, "tenant-a")
							.build());
			}
			Map<String, ConsumedMessage> byValue = new ConcurrentHashMap<>();
			try (ConsumeSubscription subscription = client
				.subscribe(ConsumeOptions.builder(topic, "inspector").build())) {
				await().atMost(Duration.ofSeconds(20)).until(() -> {
					ConsumedMessage consumed = subscription.poll(Duration.ofMillis(200));
					if (consumed != null) {
						byValue.put(consumed.value(), consumed);
						client.ack(consumed);
					}
					return byValue.size() == 3;
				});
			}
			for (int pk = 0; pk < 3; pk++) {
				ConsumedMessage consumed = byValue.get("{\"pk\":" + pk + "}");
				// Spring Cloud Stream's default selector: key.hashCode() %
				// partitionCount; Integer.hashCode is the value
				assertThat(consumed.partition()).isEqualTo(pk);
				assertThat(consumed.envelopeOrEmpty().runId()).isEqualTo("run-" + pk);
				assertThat(consumed.envelopeOrEmpty().tenantId()).isEqualTo("tenant-a");
				assertThat(consumed.envelopeOrEmpty().parentStepId()).isEqualTo("parent-" + pk);
				assertThat(consumed.envelopeOrEmpty().retryPolicy()).isNotNull();
				assertThat(consumed.envelopeOrEmpty().deadline())
					.isEqualTo(java.time.Instant.parse("2999-01-01T00:00:00Z").plusSeconds(pk));
			}
		}
	}

	@Test
	void targetTopicExpressionRoutesTheMessage(DriftqServer server) throws InterruptedException {
		String topic = "routed-from-" + UUID.randomUUID();
		String target = "routed-to-" + UUID.randomUUID();
		try (DriftqClient client = DriftqClient.builder(server.baseUrl()).build()) {
			client.createTopic(target, 1);
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ProducerOnlyApp.class).run(
					"--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
					"--spring.main.web-application-type=none", "--spring.cloud.function.definition=",
					"--spring.cloud.stream.bindings.out-0.destination=" + topic,
					"--spring.cloud.stream.driftq.bindings.out-0.producer.target-topic-expression=headers['route']")) {
				context.getBean(StreamBridge.class)
					.send("out-0", MessageBuilder.withPayload("{\"routed\":true}").setHeader("route", target).build());
			}
			try (ConsumeSubscription subscription = client
				.subscribe(ConsumeOptions.builder(target, "inspector").build())) {
				ConsumedMessage[] received = new ConsumedMessage[1];
				await().atMost(Duration.ofSeconds(20)).until(() -> {
					received[0] = subscription.poll(Duration.ofMillis(200));
					return received[0] != null;
				});
				assertThat(received[0].value()).isEqualTo("{\"routed\":true}");
				assertThat(received[0].envelopeOrEmpty().targetTopic()).isEqualTo(target);
			}
		}
	}

	@Test
	void consumerBindingCreatesItsTopicWithTheConfiguredPartitions(DriftqServer server) {
		String topic = "consumer-partitions-" + UUID.randomUUID();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(FlakyApp.class).run(
				"--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
				"--spring.main.web-application-type=none", "--spring.cloud.function.definition=flaky",
				"--spring.cloud.stream.bindings.flaky-in-0.destination=" + topic,
				"--spring.cloud.stream.bindings.flaky-in-0.group=flaky",
				"--spring.cloud.stream.driftq.bindings.flaky-in-0.consumer.partitions=3");
				DriftqClient client = DriftqClient.builder(server.baseUrl()).build()) {
			// partition_override 2 is refused as out of range unless the topic has at
			// least 3 partitions
			client.produce(new io.driftq.client.model.ProduceRequest(topic, null, "to-p2",
					io.driftq.client.model.Envelope.builder().partitionOverride(2).build()));
			FlakyApp app = context.getBean(FlakyApp.class);
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(app.deliveries)
					.anySatisfy((m) -> assertThat(m.getHeaders().get(DriftqHeaders.PARTITION)).isEqualTo(2)));
			// the envelope's partition override and the stock driftqd router's label and
			// metadata reach the handler
			assertThat(app.deliveries.get(0).getHeaders()).containsEntry(DriftqHeaders.PARTITION_OVERRIDE, 2)
				.containsEntry(DriftqHeaders.ROUTING_LABEL, "test-label")
				.containsEntry(DriftqHeaders.ROUTING_META, Map.of("source", "router"));
		}
	}

	@Test
	void handlerExceptionIsTheNackReasonSeenOnRedelivery(DriftqServer server) {
		String topic = "reason-" + UUID.randomUUID();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(FlakyApp.class).run(
				"--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
				"--spring.main.web-application-type=none", "--spring.cloud.function.definition=flaky",
				"--spring.cloud.stream.bindings.flaky-in-0.destination=" + topic,
				"--spring.cloud.stream.bindings.flaky-in-0.group=flaky",
				"--spring.cloud.stream.bindings.flaky-in-0.consumer.max-attempts=1",
				"--spring.cloud.stream.driftq.bindings.flaky-in-0.consumer.nack-delay=0ms")) {
			context.getBean(StreamBridge.class)
				.send(topic, MessageBuilder.withPayload("m-1").setHeader(DriftqHeaders.STEP_ID, "step-1").build());
			FlakyApp app = context.getBean(FlakyApp.class);
			await().atMost(Duration.ofSeconds(20)).until(() -> app.deliveries.size() >= 2);
			Message<String> redelivery = app.deliveries.get(1);
			assertThat(redelivery.getHeaders().get(DriftqHeaders.ATTEMPTS)).isEqualTo(2);
			assertThat(redelivery.getHeaders().get(DriftqHeaders.STEP_ID)).isEqualTo("step-1");
			assertThat(redelivery.getHeaders().get(DriftqHeaders.LAST_ERROR, String.class))
				.contains("IllegalStateException")
				.contains("flaky failure for m-1");
		}
	}

}
