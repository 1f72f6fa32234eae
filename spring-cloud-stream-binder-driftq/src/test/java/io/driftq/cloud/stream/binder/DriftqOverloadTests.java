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
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.driftq.client.DriftqClient;
import io.driftq.client.exception.DriftqOverloadedException;
import io.driftq.cloud.stream.binder.health.DriftqBindingStates;
import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.stream.binder.BinderFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.MessageChannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * A send to a full partition (DriftQ answers 429 while a group that has acked lags 100
 * messages behind): the send waits for room up to the binding's {@code max-block}, goes
 * through as soon as the slow group catches up, and otherwise fails with a
 * {@link DriftqOverloadedException} naming the topic, the time waited and the property.
 */
@DriftqServerTest
class DriftqOverloadTests {

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ProducerApp {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	@Test
	void aSendToAFullPartitionBlocksAndGoesThroughWhenTheStoppedConsumerResumes(DriftqServer server) {
		String topic = "full-" + UUID.randomUUID();
		try (DriftqClient client = DriftqClient.builder(server.baseUrl()).overloadRetries(0).build();
				StalledGroup stalled = StalledGroup.fill(client, topic);
				ConfigurableApplicationContext context = producerApp(server, topic, "30s")) {
			StreamBridge bridge = context.getBean(StreamBridge.class);
			DriftqBindingStates states = bindingStates(context);
			CompletableFuture<Boolean> send = CompletableFuture.supplyAsync(() -> bridge.send("out-0", "waits"));
			// longer than the client's old fixed retries (5 x 1 s): the send is still
			// waiting for room
			await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(12)).until(() -> !send.isDone());
			assertThat(states.producer(topic).blockedSends()).isEqualTo(1);
			stalled.resume();
			await().atMost(Duration.ofSeconds(20)).until(send::isDone);
			assertThat(send.join()).isTrue();
			assertThat(states.producer(topic).blockedSends()).isZero();
			SimpleMeterRegistry registry = context.getBean(SimpleMeterRegistry.class);
			assertThat(registry.get("driftq.binder.produce.blocked").tag("topic", topic).timer().count()).isEqualTo(1);
			assertThat(registry.get("driftq.binder.produce.blocked")
				.tag("topic", topic)
				.timer()
				.totalTime(java.util.concurrent.TimeUnit.SECONDS)).isGreaterThanOrEqualTo(8);
			await().atMost(Duration.ofSeconds(30)).until(() -> stalled.valuesSeen().contains("waits"));
		}
	}

	@Test
	void aSendThatFindsNoRoomWithinMaxBlockFailsNamingTopicTimeAndProperty(DriftqServer server) {
		String topic = "full-" + UUID.randomUUID();
		try (DriftqClient client = DriftqClient.builder(server.baseUrl()).overloadRetries(0).build();
				StalledGroup stalled = StalledGroup.fill(client, topic);
				ConfigurableApplicationContext context = producerApp(server, topic, "2s")) {
			StreamBridge bridge = context.getBean(StreamBridge.class);
			long start = System.nanoTime();
			assertThatException().isThrownBy(() -> bridge.send("out-0", "one too many"))
				.satisfies((ex) -> assertThat(ex).hasRootCauseInstanceOf(DriftqOverloadedException.class))
				.satisfies((ex) -> {
					Throwable root = rootCause(ex);
					String firstLine = root.getMessage().lines().findFirst().orElseThrow();
					assertThat(firstLine).contains("'" + topic + "'")
						.containsPattern("for [2-9]\\.\\d s")
						.contains("spring.cloud.stream.driftq.bindings.out-0.producer.max-block");
					assertThat(((DriftqOverloadedException) root).getWaited())
						.isGreaterThanOrEqualTo(Duration.ofSeconds(2));
				});
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofSeconds(2),
					Duration.ofSeconds(10));
			DriftqBindingStates.ProducerState state = bindingStates(context).producer(topic);
			assertThat(state.lastFailure()).contains(topic);
			assertThat(state.blockedSends()).isZero();
			SimpleMeterRegistry registry = context.getBean(SimpleMeterRegistry.class);
			assertThat(registry.get("driftq.binder.produce.overload_retries").functionCounter().count())
				.isGreaterThanOrEqualTo(1);
			assertThat(
					registry.get("driftq.binder.produce").tag("topic", topic).tag("outcome", "failure").timer().count())
				.isEqualTo(1);
		}
	}

	private static ConfigurableApplicationContext producerApp(DriftqServer server, String topic, String maxBlock) {
		return new SpringApplicationBuilder(ProducerApp.class).run(
				"--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
				"--spring.main.web-application-type=none", "--spring.cloud.function.definition=",
				"--spring.cloud.stream.bindings.out-0.destination=" + topic,
				"--spring.cloud.stream.bindings.out-0.content-type=text/plain",
				"--spring.cloud.stream.driftq.bindings.out-0.producer.max-block=" + maxBlock);
	}

	/** The binder's states: the binder lives in its own child context. */
	static DriftqBindingStates bindingStates(ConfigurableApplicationContext context) {
		return ((DriftqMessageChannelBinder) context.getBean(BinderFactory.class).getBinder(null, MessageChannel.class))
			.getBindingStates();
	}

	static Throwable rootCause(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root;
	}

}
