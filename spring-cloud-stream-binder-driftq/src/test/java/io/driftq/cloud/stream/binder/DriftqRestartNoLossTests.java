package io.driftq.cloud.stream.binder;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import io.driftq.client.DriftqClient;
import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code driftqd} is killed with messages in flight and restarted on the same WAL: the binding reconnects by itself
 * and every message produced before, during and after the outage is handled at least once (duplicates are
 * possible, so the test dedupes).
 */
@DriftqServerTest
class DriftqRestartNoLossTests {

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class CollectingApp {

		final Set<String> received = ConcurrentHashMap.newKeySet();

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		Consumer<String> collect() {
			return this.received::add;
		}

	}

	@Test
	void nothingIsLostAcrossAKillAndRestartMidStream(DriftqServer server) {
		String topic = "no-loss-" + UUID.randomUUID();
		try (DriftqClient client = DriftqClient.builder(server.baseUrl()).requestTimeout(Duration.ofSeconds(2)).build();
				ConfigurableApplicationContext context = new SpringApplicationBuilder(CollectingApp.class).run(
						"--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
						"--spring.main.web-application-type=none", "--spring.cloud.function.definition=collect",
						"--spring.cloud.stream.bindings.collect-in-0.destination=" + topic,
						"--spring.cloud.stream.bindings.collect-in-0.group=collectors",
						"--spring.cloud.stream.bindings.collect-in-0.content-type=text/plain",
						"--spring.cloud.stream.driftq.bindings.collect-in-0.consumer.lease=2s")) {
			CollectingApp app = context.getBean(CollectingApp.class);
			List<String> sent = IntStream.range(0, 60).mapToObj((i) -> "m-" + i).toList();
			for (String value : sent.subList(0, 20)) {
				client.produce(topic, null, value);
			}
			// kill while the binding is still working through the first batch
			await().atMost(Duration.ofSeconds(20)).until(() -> !app.received.isEmpty());
			server.kill();
			server.restart();
			for (String value : sent.subList(20, 60)) {
				await().atMost(Duration.ofSeconds(20))
					.ignoreExceptions()
					.untilAsserted(() -> client.produce(topic, null, value));
			}
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(app.received).containsAll(sent));
			SimpleMeterRegistry registry = context.getBean(SimpleMeterRegistry.class);
			assertThat(registry.get("driftq.binder.reconnects").tag("topic", topic).functionCounter().count())
				.isGreaterThanOrEqualTo(1);
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
					registry.get("driftq.binder.in_flight").tag("topic", topic).tag("group", "collectors").gauge().value())
				.isZero());
		}
	}

}
