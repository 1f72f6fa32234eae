package io.driftq.cloud.stream.binder;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;

import io.driftq.client.DriftqClient;
import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two bindings in two groups on one 2-partition topic: each group gets every message; the concurrent binding reads
 * both partitions with two streams and acks them all (nothing is redelivered).
 */
@DriftqServerTest
class DriftqFanOutTests {

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class FanOutApp {

		final List<String> a = new CopyOnWriteArrayList<>();

		final List<String> b = new CopyOnWriteArrayList<>();

		final Set<Integer> partitionsSeenByA = java.util.concurrent.ConcurrentHashMap.newKeySet();

		@Bean
		Consumer<Message<String>> a() {
			return (message) -> {
				this.partitionsSeenByA.add(message.getHeaders().get(DriftqHeaders.PARTITION, Integer.class));
				this.a.add(message.getPayload());
			};
		}

		@Bean
		Consumer<String> b() {
			return this.b::add;
		}

	}

	@Test
	void twoGroupsEachReceiveEveryMessage(DriftqServer server) {
		String topic = "fanout-" + UUID.randomUUID();
		try (DriftqClient client = DriftqClient.builder(server.baseUrl()).build()) {
			client.createTopic(topic, 2);
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(FanOutApp.class).run(
					"--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
					"--spring.main.web-application-type=none", "--spring.cloud.function.definition=a;b",
					"--spring.cloud.stream.bindings.a-in-0.destination=" + topic,
					"--spring.cloud.stream.bindings.a-in-0.group=group-a",
					"--spring.cloud.stream.bindings.a-in-0.consumer.concurrency=2",
					"--spring.cloud.stream.bindings.b-in-0.destination=" + topic,
					"--spring.cloud.stream.bindings.b-in-0.group=group-b")) {
				List<String> sent = IntStream.range(0, 20).mapToObj((i) -> "m-" + i).toList();
				for (String value : sent) {
					client.produce(topic, "key-" + value, value);
				}
				FanOutApp app = context.getBean(FanOutApp.class);
				await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
					assertThat(Set.copyOf(app.a)).containsExactlyInAnyOrderElementsOf(sent);
					assertThat(Set.copyOf(app.b)).containsExactlyInAnyOrderElementsOf(sent);
				});
				assertThat(app.partitionsSeenByA).containsExactlyInAnyOrder(0, 1);
				assertThat(app.a.stream().collect(Collectors.toSet())).hasSize(app.a.size());
			}
		}
	}

}
