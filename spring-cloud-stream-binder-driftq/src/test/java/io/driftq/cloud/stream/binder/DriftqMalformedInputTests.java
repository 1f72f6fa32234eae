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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.driftq.client.ConsumeOptions;
import io.driftq.client.ConsumeSubscription;
import io.driftq.client.DriftqClient;
import io.driftq.client.model.ConsumedMessage;
import io.driftq.client.model.Envelope;
import io.driftq.client.model.ProduceRequest;
import io.driftq.client.model.RetryPolicy;
import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A value that cannot be converted to the function's input type (not JSON) ends in the
 * dead letter topic; it neither reaches the function nor blocks the partition.
 */
@DriftqServerTest
class DriftqMalformedInputTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	record Command(String id, String action) {
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		final List<Command> received = new CopyOnWriteArrayList<>();

		@Bean
		Consumer<Command> orders() {
			return this.received::add;
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ClassifyingApp {

		final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

		@Bean
		Consumer<Command> orders() {
			return (command) -> {
				this.calls.computeIfAbsent(command.id(), (id) -> new AtomicInteger()).incrementAndGet();
				if (command.action().equals("bad-argument")) {
					throw new IllegalArgumentException("never valid: " + command.id());
				}
				throw new IllegalStateException("flaky: " + command.id());
			};
		}

	}

	@Test
	void retryableExceptionsDecideTheInProcessRetriesAndConversionErrorsAreNotRetried(DriftqServer server)
			throws InterruptedException {
		String topic = "classified-" + UUID.randomUUID();
		try (DriftqClient client = DriftqClient.builder(server.baseUrl()).build();
				ConfigurableApplicationContext context = new SpringApplicationBuilder(ClassifyingApp.class).run(
						"--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
						"--spring.main.web-application-type=none", "--spring.cloud.function.definition=orders",
						"--spring.cloud.stream.bindings.orders-in-0.destination=" + topic,
						"--spring.cloud.stream.bindings.orders-in-0.group=orders",
						"--spring.cloud.stream.bindings.orders-in-0.consumer.max-attempts=3",
						"--spring.cloud.stream.bindings.orders-in-0.consumer.back-off-initial-interval=10",
						"--spring.cloud.stream.bindings.orders-in-0.consumer.retryable-exceptions.java.lang.IllegalArgumentException=false",
						"--spring.cloud.stream.driftq.bindings.orders-in-0.consumer.dlq-mode=binder")) {
			client.produce(topic, null, "{not json");
			client.produce(topic, null, "{\"id\":\"arg\",\"action\":\"bad-argument\"}");
			client.produce(topic, null, "{\"id\":\"flaky\",\"action\":\"flaky\"}");
			Map<String, JsonNode> records = new ConcurrentHashMap<>();
			await().atMost(Duration.ofSeconds(20)).until(() -> client.listTopics().contains(topic + ".dlq"));
			try (ConsumeSubscription dlq = client
				.subscribe(ConsumeOptions.builder(topic + ".dlq", "inspector").build())) {
				await().atMost(Duration.ofSeconds(30)).until(() -> {
					ConsumedMessage dead = dlq.poll(Duration.ofMillis(200));
					if (dead != null) {
						JsonNode record = JSON.readTree(dead.value());
						records.put(record.get("payload").asString(), record);
						client.ack(dead);
					}
					return records.size() == 3;
				});
			}
			ClassifyingApp app = context.getBean(ClassifyingApp.class);
			assertThat(records.get("{not json").get("in_process_attempts").asInt()).isEqualTo(1);
			assertThat(records.get("{\"id\":\"arg\",\"action\":\"bad-argument\"}").get("in_process_attempts").asInt())
				.isEqualTo(1);
			assertThat(records.get("{\"id\":\"flaky\",\"action\":\"flaky\"}").get("in_process_attempts").asInt())
				.isEqualTo(3);
			assertThat(app.calls.get("arg")).hasValue(1);
			// a retryable failure uses its whole budget (max-deliveries, 5 without a
			// retry policy), 3 attempts in each
			assertThat(records.get("{\"id\":\"flaky\",\"action\":\"flaky\"}").get("attempts").asInt()).isEqualTo(5);
			assertThat(app.calls.get("flaky")).hasValue(15);
		}
	}

	@Test
	void malformedJsonEndsInTheDeadLetterTopicAndThePartitionKeepsFlowing(DriftqServer server)
			throws InterruptedException {
		String topic = "malformed-" + UUID.randomUUID();
		try (DriftqClient client = DriftqClient.builder(server.baseUrl()).build();
				ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class).run(
						"--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
						"--spring.main.web-application-type=none", "--spring.cloud.function.definition=orders",
						"--spring.cloud.stream.bindings.orders-in-0.destination=" + topic,
						"--spring.cloud.stream.bindings.orders-in-0.group=orders",
						"--spring.cloud.stream.bindings.orders-in-0.consumer.max-attempts=1",
						"--spring.cloud.stream.driftq.bindings.orders-in-0.consumer.nack-delay=0ms")) {
			Envelope twoDeliveries = Envelope.builder().retryPolicy(RetryPolicy.maxAttempts(2)).build();
			client.produce(new ProduceRequest(topic, null, "{not json", twoDeliveries));
			client.produce(new ProduceRequest(topic, null, "{\"id\":\"ok-1\",\"action\":\"create\"}", twoDeliveries));
			App app = context.getBean(App.class);
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(app.received).extracting(Command::id).containsExactly("ok-1"));
			await().atMost(Duration.ofSeconds(20)).until(() -> client.listTopics().contains("dlq." + topic));
			try (ConsumeSubscription dlq = client
				.subscribe(ConsumeOptions.builder("dlq." + topic, "inspector").build())) {
				ConsumedMessage dead = dlq.poll(Duration.ofSeconds(20));
				assertThat(dead).isNotNull();
				assertThat(dead.value()).isEqualTo("{not json");
				client.ack(dead);
			}
		}
	}

}
