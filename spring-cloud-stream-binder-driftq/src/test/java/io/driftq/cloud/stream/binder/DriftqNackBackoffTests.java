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
import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker nack after a failure is delayed by the binding's back-off for the delivery
 * count (DriftQ itself redelivers a nack at once), and the wait does not hold up the
 * worker: another message is handled meanwhile.
 */
@DriftqServerTest
class DriftqNackBackoffTests {

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class FailingApp {

		/** Receive times (ms) of the deliveries of "bad", in order. */
		final List<Long> badReceived = new CopyOnWriteArrayList<>();

		final List<Integer> badAttempts = new CopyOnWriteArrayList<>();

		volatile long goodReceived;

		@Bean
		Consumer<Message<String>> work() {
			return (message) -> {
				if (message.getPayload().equals("bad")) {
					this.badReceived.add(System.currentTimeMillis());
					this.badAttempts.add((Integer) message.getHeaders().get(DriftqHeaders.ATTEMPTS));
					throw new IllegalStateException("always fails");
				}
				this.goodReceived = System.currentTimeMillis();
			};
		}

	}

	@Test
	void redeliveryAfterAFailureWaitsForTheBackOffOfItsDeliveryCount(DriftqServer server) {
		String topic = "nack-backoff-" + UUID.randomUUID();
		try (DriftqClient client = DriftqClient.builder(server.baseUrl())
			.requestTimeout(Duration.ofSeconds(2))
			.build()) {
			client.createTopic(topic, 1);
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(FailingApp.class).run(
					"--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
					"--spring.main.web-application-type=none", "--spring.cloud.function.definition=work",
					"--spring.cloud.stream.bindings.work-in-0.destination=" + topic,
					"--spring.cloud.stream.bindings.work-in-0.group=workers",
					"--spring.cloud.stream.bindings.work-in-0.content-type=text/plain",
					// no in-process retry: every failure goes to the broker nack
					"--spring.cloud.stream.bindings.work-in-0.consumer.max-attempts=1",
					"--spring.cloud.stream.bindings.work-in-0.consumer.back-off-initial-interval=1500",
					"--spring.cloud.stream.bindings.work-in-0.consumer.back-off-multiplier=2",
					"--spring.cloud.stream.bindings.work-in-0.consumer.back-off-max-interval=10000",
					"--spring.cloud.stream.driftq.bindings.work-in-0.consumer.lease=30s")) {
				FailingApp app = context.getBean(FailingApp.class);
				client.produce(topic, null, "bad");
				await().atMost(Duration.ofSeconds(20)).until(() -> app.badReceived.size() == 1);
				client.produce(topic, null, "good");
				await().atMost(Duration.ofSeconds(30)).until(() -> app.badReceived.size() >= 3);
				List<Long> times = List.copyOf(app.badReceived);
				assertThat(app.badAttempts.subList(0, 3)).containsExactly(1, 2, 3);
				// delivery 1 → 2: 1500 ms; delivery 2 → 3: 1500 × 2
				assertThat(times.get(1) - times.get(0)).isGreaterThanOrEqualTo(1500);
				assertThat(times.get(2) - times.get(1)).isGreaterThanOrEqualTo(3000);
				// the single worker handled "good" while the nack of "bad" was waiting
				assertThat(app.goodReceived).isBetween(times.get(0), times.get(1));
			}
		}
	}

}
