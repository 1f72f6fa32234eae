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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.IntStream;

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
 * Two destinations with two groups each (four bindings in one application): each group
 * gets every message of its destination exactly once; with a short lease, nothing is
 * redelivered after it lapses (every message was acked). The concurrent binding reads
 * both partitions with two streams.
 */
@DriftqServerTest
class DriftqFanOutTests {

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class FanOutApp {

		final Map<String, List<String>> received = new ConcurrentHashMap<>();

		final Set<Integer> partitionsSeenByA = ConcurrentHashMap.newKeySet();

		private List<String> of(String binding) {
			return this.received.computeIfAbsent(binding, (b) -> new CopyOnWriteArrayList<>());
		}

		@Bean
		Consumer<Message<String>> a() {
			return (message) -> {
				this.partitionsSeenByA.add(message.getHeaders().get(DriftqHeaders.PARTITION, Integer.class));
				of("a").add(message.getPayload());
			};
		}

		@Bean
		Consumer<String> b() {
			return (value) -> of("b").add(value);
		}

		@Bean
		Consumer<String> c() {
			return (value) -> of("c").add(value);
		}

		@Bean
		Consumer<String> d() {
			return (value) -> of("d").add(value);
		}

		int total() {
			return this.received.values().stream().mapToInt(List::size).sum();
		}

	}

	@Test
	void twoDestinationsTimesTwoGroupsEachReceiveEveryMessageOnce(DriftqServer server) {
		String orders = "fanout-orders-" + UUID.randomUUID();
		String payments = "fanout-payments-" + UUID.randomUUID();
		try (DriftqClient client = DriftqClient.builder(server.baseUrl()).build()) {
			client.createTopic(orders, 2);
			client.createTopic(payments, 2);
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(FanOutApp.class).run(
					"--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
					"--spring.main.web-application-type=none", "--spring.cloud.function.definition=a;b;c;d",
					"--spring.cloud.stream.bindings.a-in-0.destination=" + orders,
					"--spring.cloud.stream.bindings.a-in-0.group=billing",
					"--spring.cloud.stream.bindings.a-in-0.consumer.concurrency=2",
					"--spring.cloud.stream.bindings.b-in-0.destination=" + orders,
					"--spring.cloud.stream.bindings.b-in-0.group=audit",
					"--spring.cloud.stream.bindings.c-in-0.destination=" + payments,
					"--spring.cloud.stream.bindings.c-in-0.group=billing",
					"--spring.cloud.stream.bindings.d-in-0.destination=" + payments,
					"--spring.cloud.stream.bindings.d-in-0.group=audit",
					"--spring.cloud.stream.driftq.default.consumer.lease=1s")) {
				List<String> sentOrders = IntStream.range(0, 20).mapToObj((i) -> "order-" + i).toList();
				List<String> sentPayments = IntStream.range(0, 20).mapToObj((i) -> "payment-" + i).toList();
				for (int i = 0; i < 20; i++) {
					client.produce(orders, "key-" + i, sentOrders.get(i));
					client.produce(payments, "key-" + i, sentPayments.get(i));
				}
				FanOutApp app = context.getBean(FanOutApp.class);
				await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
					assertThat(app.of("a")).containsExactlyInAnyOrderElementsOf(sentOrders);
					assertThat(app.of("b")).containsExactlyInAnyOrderElementsOf(sentOrders);
					assertThat(app.of("c")).containsExactlyInAnyOrderElementsOf(sentPayments);
					assertThat(app.of("d")).containsExactlyInAnyOrderElementsOf(sentPayments);
				});
				// well past the 1 s lease (redelivery is checked every 250 ms): no
				// message comes a second time
				await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> app.total() == 80);
				assertThat(app.partitionsSeenByA).containsExactlyInAnyOrder(0, 1);
			}
		}
	}

}
