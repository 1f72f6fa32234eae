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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.driftq.client.DriftqClient;
import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.StaticMessageHeaderAccessor;
import org.springframework.integration.acks.AcknowledgmentCallback;
import org.springframework.messaging.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Against a real {@code driftqd}: the binder does not let DriftQ's high-water mark skip a
 * message still being handled in this instance across a broker restart.
 * ({@code requiredGroups}: {@link DriftqRequiredGroupsTests}.)
 */
@DriftqServerTest
class DriftqOffsetOrderAndRequiredGroupsTests {

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class SlowAndFastApp {

		final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();

		final AtomicInteger fastAccepted = new AtomicInteger();

		/**
		 * MANUAL ack mode, so that an unsettled earlier message does not block the
		 * stream: the first delivery of "slow" is left unsettled (still being handled, as
		 * far as DriftQ knows); everything else is accepted.
		 */
		@Bean
		Consumer<Message<String>> work() {
			return (message) -> {
				String value = message.getPayload();
				int delivery = this.deliveries.computeIfAbsent(value, (v) -> new AtomicInteger()).incrementAndGet();
				if (value.equals("slow") && delivery == 1) {
					return;
				}
				StaticMessageHeaderAccessor.getAcknowledgmentCallback(message)
					.acknowledge(AcknowledgmentCallback.Status.ACCEPT);
				if (value.equals("fast")) {
					this.fastAccepted.incrementAndGet();
				}
			};
		}

	}

	@Test
	void aFasterLaterMessageDoesNotCommitPastASlowerEarlierOneAcrossARestart(DriftqServer server) {
		String topic = "hwm-" + UUID.randomUUID();
		try (DriftqClient client = DriftqClient.builder(server.baseUrl())
			.requestTimeout(Duration.ofSeconds(2))
			.build()) {
			client.createTopic(topic, 1);
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SlowAndFastApp.class).run(
					"--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
					"--spring.main.web-application-type=none", "--spring.cloud.function.definition=work",
					"--spring.cloud.stream.bindings.work-in-0.destination=" + topic,
					"--spring.cloud.stream.bindings.work-in-0.group=workers",
					"--spring.cloud.stream.bindings.work-in-0.content-type=text/plain",
					"--spring.cloud.stream.driftq.bindings.work-in-0.consumer.ack-mode=manual",
					"--spring.cloud.stream.driftq.bindings.work-in-0.consumer.lease=30s")) {
				SlowAndFastApp app = context.getBean(SlowAndFastApp.class);
				client.produce(topic, null, "slow");
				await().atMost(Duration.ofSeconds(20)).until(() -> app.deliveries.containsKey("slow"));
				client.produce(topic, null, "fast");
				// offset 0 is unsettled, offset 1 is accepted: its ack must wait for
				// offset 0
				await().atMost(Duration.ofSeconds(20)).until(() -> app.fastAccepted.get() == 1);
				server.stop();
				server.restart();
				// DriftQ's committed offset did not pass 0, so after the restart "slow"
				// is delivered again
				await().atMost(Duration.ofSeconds(60))
					.untilAsserted(() -> assertThat(app.deliveries.get("slow")).hasValueGreaterThanOrEqualTo(2));
			}
		}
	}

}
