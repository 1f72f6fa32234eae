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

import io.driftq.client.DriftqClient;
import io.driftq.client.model.ConsumedMessage;
import io.driftq.client.model.Envelope;
import io.driftq.client.model.ProduceRequest;
import io.driftq.client.model.RetryPolicy;
import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Dead letters never wedge, with default settings: a flood of poison messages, an
 * oversized failing message and a payload that is not JSON all end in the dead letter
 * topic with their reason, and good messages keep flowing.
 */
@DriftqServerTest
class DriftqDeadLetterFloodTests {

	record Command(String id, String action) {
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		final List<String> completed = new CopyOnWriteArrayList<>();

		@Bean
		Consumer<Command> orders() {
			return (command) -> {
				if (command.action().equals("explode")) {
					throw new IllegalStateException("cannot handle " + command.id());
				}
				this.completed.add(command.id());
			};
		}

	}

	private static ConfigurableApplicationContext run(DriftqServer server, String topic) {
		return new SpringApplicationBuilder(App.class).run(
				"--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
				"--spring.main.web-application-type=none", "--spring.cloud.function.definition=orders",
				"--spring.cloud.stream.bindings.orders-in-0.destination=" + topic,
				"--spring.cloud.stream.bindings.orders-in-0.group=orders",
				"--spring.cloud.stream.driftq.bindings.orders-in-0.consumer.dlq-mode=binder");
	}

	@Test
	void aFloodOfPoisonMessagesIsDeadLetteredAndGoodMessagesKeepFlowing(DriftqServer server) {
		String topic = "flood-" + UUID.randomUUID();
		try (DriftqClient client = DriftqClient.builder(server.baseUrl()).build()) {
			client.createTopic(topic, 1);
			try (ConfigurableApplicationContext context = run(server, topic)) {
				App app = context.getBean(App.class);
				// the consumer acks as it goes, so the source partition never holds more
				// than it allows
				for (int i = 0; i < 150; i++) {
					client.produce(topic, null, "poison-" + i + " is not json");
				}
				for (int i = 0; i < 20; i++) {
					client.produce(topic, null, "{\"id\":\"good-" + i + "\",\"action\":\"create\"}");
				}
				await().atMost(Duration.ofSeconds(90)).until(() -> app.completed.size() == 20);
				List<ConsumedMessage> dead = DeadLetters.read(client, topic + ".dlq", 150, Duration.ofSeconds(60));
				assertThat(dead).hasSize(150);
				assertThat(dead).allSatisfy((record) -> assertThat(DeadLetters.json(record).get("error").asString())
					.contains("not valid JSON"));
			}
		}
	}

	@Test
	void anOversizedFailingMessageIsDeadLetteredTruncated(DriftqServer server) {
		String topic = "oversized-" + UUID.randomUUID();
		try (DriftqClient client = DriftqClient.builder(server.baseUrl()).build()) {
			client.createTopic(topic, 1);
			try (ConfigurableApplicationContext context = run(server, topic)) {
				App app = context.getBean(App.class);
				String big = "{\"id\":\"big\",\"action\":\"explode\",\"pad\":\"" + "x".repeat(60_000) + "\"}";
				int bigBytes = big.length();
				client.produce(new ProduceRequest(topic, null, big,
						Envelope.builder().retryPolicy(RetryPolicy.maxAttempts(1)).build()));
				client.produce(topic, null, "{\"id\":\"after\",\"action\":\"create\"}");
				List<ConsumedMessage> dead = DeadLetters.read(client, topic + ".dlq", 1, Duration.ofSeconds(60));
				JsonNode record = DeadLetters.json(dead.get(0));
				assertThat(record.get("payload_truncated").asBoolean()).isTrue();
				assertThat(record.get("payload_bytes").asInt()).isEqualTo(bigBytes);
				assertThat(record.get("payload_sha256").asString()).hasSize(64);
				assertThat(record.get("payload").asString()).isNotEmpty();
				assertThat(big).startsWith(record.get("payload").asString());
				assertThat(dead.get(0).value().length()).isLessThanOrEqualTo(16 * 1024);
				assertThat(record.get("error").asString()).contains("cannot handle big");
				assertThat(record.get("offset").asLong()).isGreaterThanOrEqualTo(0);
				await().atMost(Duration.ofSeconds(30)).until(() -> app.completed.contains("after"));
			}
		}
	}

	@Test
	void aPayloadThatIsNotJsonIsDeadLetteredWithTheParseError(DriftqServer server) {
		String topic = "not-json-" + UUID.randomUUID();
		try (DriftqClient client = DriftqClient.builder(server.baseUrl()).build()) {
			client.createTopic(topic, 1);
			try (ConfigurableApplicationContext context = run(server, topic)) {
				client.produce(topic, null, "{not json");
				List<ConsumedMessage> dead = DeadLetters.read(client, topic + ".dlq", 1, Duration.ofSeconds(30));
				String error = DeadLetters.json(dead.get(0)).get("error").asString();
				assertThat(error).doesNotContain("ClassCastException")
					.contains("not valid JSON")
					.contains("Unexpected character");
			}
		}
	}

}
