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
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Headers chosen with {@code embedded-headers} travel inside the DriftQ value and come
 * back as message headers; the plain value stays the default, and a consumer can opt out
 * of unwrapping.
 */
@DriftqServerTest
class DriftqEmbeddedHeadersTests {

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		final List<Message<String>> received = new CopyOnWriteArrayList<>();

		@Bean
		Consumer<Message<String>> collect() {
			return this.received::add;
		}

	}

	@Test
	void embeddedHeadersRoundTripAndOtherConsumersSeeTheWrapper(DriftqServer server) throws InterruptedException {
		String topic = "embedded-" + UUID.randomUUID();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class).run(
				"--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
				"--spring.main.web-application-type=none", "--spring.cloud.function.definition=collect",
				"--spring.cloud.stream.bindings.collect-in-0.destination=" + topic,
				"--spring.cloud.stream.bindings.collect-in-0.group=collectors",
				"--spring.cloud.stream.output-bindings=out",
				"--spring.cloud.stream.bindings.out-out-0.destination=" + topic,
				"--spring.cloud.stream.bindings.out-out-0.content-type=text/plain",
				"--spring.cloud.stream.driftq.bindings.out-out-0.producer.embedded-headers=contentType,traceparent,x-*");
				DriftqClient client = DriftqClient.builder(server.baseUrl()).build()) {
			context.getBean(StreamBridge.class)
				.send("out-out-0",
						MessageBuilder.withPayload("hello")
							.setHeader("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
							.setHeader("x-tenant", "acme")
							.setHeader("not-listed", "stays home")
							.build());
			App app = context.getBean(App.class);
			await().atMost(Duration.ofSeconds(20)).until(() -> !app.received.isEmpty());
			Message<String> message = app.received.get(0);
			assertThat(message.getPayload()).isEqualTo("hello");
			assertThat(message.getHeaders())
				.containsEntry("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
				.containsEntry("x-tenant", "acme")
				.doesNotContainKey("not-listed")
				.containsEntry(DriftqHeaders.TOPIC, topic);
			// the producer binding's content type, carried across
			assertThat(message.getHeaders().get("contentType").toString()).startsWith("text/plain");

			try (ConsumeSubscription raw = client.subscribe(ConsumeOptions.builder(topic, "raw-reader").build())) {
				ConsumedMessage consumed = raw.poll(Duration.ofSeconds(20));
				assertThat(consumed).isNotNull();
				assertThat(consumed.value()).startsWith("{\"@driftq\":")
					.contains("\"payload\":\"hello\"")
					.contains("traceparent");
			}
		}
	}

	@Test
	void anEmbeddedHeaderSpringRefusesIsDroppedAndTheMessageStillArrives(DriftqServer server) {
		String topic = "bad-embedded-" + UUID.randomUUID();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class).run(
				"--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
				"--spring.main.web-application-type=none", "--spring.cloud.function.definition=collect",
				"--spring.cloud.stream.bindings.collect-in-0.destination=" + topic,
				"--spring.cloud.stream.bindings.collect-in-0.group=collectors");
				DriftqClient client = DriftqClient.builder(server.baseUrl()).build()) {
			client.produce(topic, null, EmbeddedHeaders.embed("payload",
					java.util.Map.of("sequenceNumber", "not a number", "x-ok", "yes")));
			App app = context.getBean(App.class);
			await().atMost(Duration.ofSeconds(20)).until(() -> !app.received.isEmpty());
			assertThat(app.received.get(0).getPayload()).isEqualTo("payload");
			assertThat(app.received.get(0).getHeaders()).containsEntry("x-ok", "yes")
				.doesNotContainKey("sequenceNumber");
		}
	}

	@Test
	void plainValuesAreTheDefaultAndUnwrappingCanBeSwitchedOff(DriftqServer server) {
		String topic = "not-embedded-" + UUID.randomUUID();
		String wrapped = EmbeddedHeaders.embed("inner", java.util.Map.of("traceparent", "t"));
		assertThat(EmbeddedHeaders
			.extract(EmbeddedHeaders.embed("x", java.util.Map.of("sequenceNumber", 3, "flag", true))))
			.satisfies((unwrapped) -> assertThat(unwrapped.headers()).containsEntry("sequenceNumber", 3)
				.containsEntry("flag", true));
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class).run(
				"--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
				"--spring.main.web-application-type=none", "--spring.cloud.function.definition=collect",
				"--spring.cloud.stream.bindings.collect-in-0.destination=" + topic,
				"--spring.cloud.stream.bindings.collect-in-0.group=collectors",
				"--spring.cloud.stream.driftq.bindings.collect-in-0.consumer.extract-embedded-headers=false");
				DriftqClient client = DriftqClient.builder(server.baseUrl()).build()) {
			client.produce(topic, null, wrapped);
			App app = context.getBean(App.class);
			await().atMost(Duration.ofSeconds(20)).until(() -> !app.received.isEmpty());
			assertThat(app.received.get(0).getPayload()).isEqualTo(wrapped);
			assertThat(app.received.get(0).getHeaders()).doesNotContainKey("traceparent");
		}
	}

}
