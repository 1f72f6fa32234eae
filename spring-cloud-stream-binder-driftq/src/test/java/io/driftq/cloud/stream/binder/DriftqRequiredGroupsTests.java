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
import java.util.stream.IntStream;

import io.driftq.client.exception.DriftqOverloadedException;
import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * What {@code requiredGroups} means on DriftQ, against a real {@code driftqd}. DriftQ
 * keeps a topic's whole history (in its WAL, across restarts) and starts every new group
 * at the earliest message, so a group started after the messages were produced gets them
 * whether or not it is required; the producer binding only creates the topic. And DriftQ
 * refuses a produce once a partition is 100 messages ahead of the slowest group that has
 * ever acked, counting every message while no group has acked: a required group that has
 * not consumed yet, alone on its topic, caps it.
 */
@DriftqServerTest
class DriftqRequiredGroupsTests {

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ProducerApp {

		final List<String> workers = new CopyOnWriteArrayList<>();

		@Bean
		Consumer<String> workers() {
			return this.workers::add;
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class LateApp {

		final List<String> audit = new CopyOnWriteArrayList<>();

		final List<String> latecomer = new CopyOnWriteArrayList<>();

		@Bean
		Consumer<String> audit() {
			return this.audit::add;
		}

		@Bean
		Consumer<String> latecomer() {
			return this.latecomer::add;
		}

	}

	private static String[] producerArgs(DriftqServer server, String topic, String... extra) {
		List<String> args = new java.util.ArrayList<>(
				List.of("--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
						"--spring.main.web-application-type=none", "--spring.cloud.stream.output-bindings=out",
						"--spring.cloud.stream.bindings.out.destination=" + topic,
						"--spring.cloud.stream.bindings.out.content-type=text/plain",
						"--spring.cloud.stream.bindings.out.producer.required-groups=audit"));
		args.addAll(List.of(extra));
		return args.toArray(String[]::new);
	}

	private static ConfigurableApplicationContext startLateGroups(DriftqServer server, String topic) {
		return new SpringApplicationBuilder(LateApp.class).run(
				"--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
				"--spring.main.web-application-type=none", "--spring.cloud.function.definition=audit;latecomer",
				"--spring.cloud.stream.bindings.audit-in-0.destination=" + topic,
				"--spring.cloud.stream.bindings.audit-in-0.group=audit",
				"--spring.cloud.stream.bindings.audit-in-0.content-type=text/plain",
				"--spring.cloud.stream.bindings.latecomer-in-0.destination=" + topic,
				"--spring.cloud.stream.bindings.latecomer-in-0.group=latecomer",
				"--spring.cloud.stream.bindings.latecomer-in-0.content-type=text/plain");
	}

	@Test
	void groupsStartedAfterTheHistoryWasConsumedAndTheBrokerRestartedStillGetAllOfIt(DriftqServer server) {
		String topic = "required-" + UUID.randomUUID();
		// more than the 100 messages a partition may hold ahead of the slowest acking
		// group: the workers group
		// consumes while they are sent, so DriftQ accepts them all
		List<String> sent = IntStream.range(0, 150).mapToObj((i) -> "m-" + i).toList();
		try (ConfigurableApplicationContext producer = new SpringApplicationBuilder(ProducerApp.class)
			.run(producerArgs(server, topic, "--spring.cloud.function.definition=workers",
					"--spring.cloud.stream.bindings.workers-in-0.destination=" + topic,
					"--spring.cloud.stream.bindings.workers-in-0.group=workers",
					"--spring.cloud.stream.bindings.workers-in-0.content-type=text/plain"))) {
			StreamBridge bridge = producer.getBean(StreamBridge.class);
			sent.forEach((value) -> bridge.send("out", value));
			ProducerApp app = producer.getBean(ProducerApp.class);
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(app.workers).containsExactlyInAnyOrderElementsOf(sent));
		}
		server.stop();
		server.restart();
		try (ConfigurableApplicationContext late = startLateGroups(server, topic)) {
			LateApp app = late.getBean(LateApp.class);
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				assertThat(app.audit).as("the required group").containsExactlyInAnyOrderElementsOf(sent);
				assertThat(app.latecomer).as("a group that is not required").containsExactlyInAnyOrderElementsOf(sent);
			});
		}
	}

	@Test
	void aRequiredGroupThatHasNotConsumedYetAloneOnItsTopicCapsAPartitionAtAHundredMessages(DriftqServer server) {
		String topic = "required-cap-" + UUID.randomUUID();
		List<String> sent = IntStream.range(0, 100).mapToObj((i) -> "m-" + i).toList();
		try (ConfigurableApplicationContext producer = new SpringApplicationBuilder(ProducerApp.class)
			.run(producerArgs(server, topic, "--spring.cloud.function.definition=",
					"--spring.cloud.stream.driftq.binder.overload-retries=0"))) {
			StreamBridge bridge = producer.getBean(StreamBridge.class);
			sent.forEach((value) -> bridge.send("out", value));
			assertThatException().isThrownBy(() -> bridge.send("out", "m-100"))
				.satisfies((ex) -> assertThat(ex).hasRootCauseInstanceOf(DriftqOverloadedException.class));
			try (ConfigurableApplicationContext late = startLateGroups(server, topic)) {
				LateApp app = late.getBean(LateApp.class);
				await().atMost(Duration.ofSeconds(60))
					.untilAsserted(() -> assertThat(app.audit).containsExactlyInAnyOrderElementsOf(sent));
				// once a group has acked, the partition has room again
				await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> bridge.send("out", "m-100"));
				await().atMost(Duration.ofSeconds(20)).until(() -> app.audit.contains("m-100"));
			}
		}
	}

}
