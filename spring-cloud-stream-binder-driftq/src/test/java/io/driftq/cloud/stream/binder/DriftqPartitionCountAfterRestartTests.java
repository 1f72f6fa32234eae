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

import java.util.UUID;

import io.driftq.client.DriftqClient;
import io.driftq.client.exception.DriftqInvalidArgumentException;
import io.driftq.client.model.Envelope;
import io.driftq.client.model.ProduceRequest;
import io.driftq.client.model.TopicCreated;
import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * After a restart DriftQ re-creates a topic with (highest partition holding a message) +
 * 1 partitions and cannot grow it again: a partitioned producer binding fails its sends
 * to the lost partitions with an error naming {@code partition-count}, against a real
 * {@code driftqd} restarted on its WAL.
 */
@DriftqServerTest
class DriftqPartitionCountAfterRestartTests {

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ProducerApp {

	}

	@Test
	void aRestartThatShrankTheTopicFailsTheSendNamingPartitionCount(DriftqServer server) {
		String topic = "shrunk-" + UUID.randomUUID();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ProducerApp.class).run(
				"--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
				"--spring.main.web-application-type=none", "--spring.cloud.function.definition=",
				"--spring.cloud.stream.output-bindings=out", "--spring.cloud.stream.bindings.out.destination=" + topic,
				"--spring.cloud.stream.bindings.out.content-type=text/plain",
				"--spring.cloud.stream.bindings.out.producer.partition-key-expression=headers['pk']",
				"--spring.cloud.stream.bindings.out.producer.partition-count=3");
				DriftqClient client = DriftqClient.builder(server.baseUrl()).build()) {
			StreamBridge bridge = context.getBean(StreamBridge.class);
			// the binding created the topic with 3 partitions; only partition 0 holds a
			// message when DriftQ restarts
			bridge.send("out", MessageBuilder.withPayload("before").setHeader("pk", 0).build());
			server.stop();
			server.restart();
			bridge.send("out", MessageBuilder.withPayload("after").setHeader("pk", 0).build());
			assertThatException()
				.isThrownBy(() -> bridge.send("out", MessageBuilder.withPayload("lost").setHeader("pk", 2).build()))
				.satisfies((ex) -> assertThat(ex).rootCause()
					.isInstanceOf(DriftqInvalidArgumentException.class)
					.hasMessageContaining("partition_override out of range"))
				.satisfies((ex) -> assertThat(messageOf(ex, "has no partition 2"))
					.startsWith("DriftQ topic '" + topic + "' has no partition 2")
					.contains("spring.cloud.stream.bindings.out.producer.partition-count is 3")
					.contains("cannot add partitions to an existing topic"));
			assertThatException()
				.isThrownBy(() -> bridge.send("out",
						MessageBuilder.withPayload("lost")
							.setHeader("pk", 0)
							.setHeader(DriftqHeaders.PARTITION_OVERRIDE, 1)
							.build()))
				.satisfies((ex) -> assertThat(messageOf(ex, "has no partition 1"))
					.contains("the driftq_partition_override header asks for partition 1"));

			// what the binder tried: creating the topic again answers 201 echoing the
			// count, but does not grow it
			TopicCreated created = client.createTopic(topic, 3);
			assertThat(created.partitions()).isEqualTo(3);
			assertThatExceptionOfType(DriftqInvalidArgumentException.class)
				.isThrownBy(() -> client
					.produce(new ProduceRequest(topic, null, "p2", Envelope.builder().partitionOverride(2).build())))
				.satisfies((ex) -> assertThat(ex.getServerMessage()).isEqualTo("partition_override out of range"));
		}
	}

	/**
	 * The message of the first exception in the cause chain whose message contains the
	 * text.
	 */
	static String messageOf(Throwable failure, String text) {
		for (Throwable ex = failure; ex != null; ex = ex.getCause()) {
			if (ex.getMessage() != null && ex.getMessage().contains(text)) {
				return ex.getMessage();
			}
		}
		throw new AssertionError("No exception in the cause chain says '" + text + "'", failure);
	}

}
