package io.driftq.cloud.stream.binder;

import java.time.Duration;
import java.util.UUID;

import io.driftq.client.ConsumeOptions;
import io.driftq.client.ConsumeSubscription;
import io.driftq.client.DriftqClient;
import io.driftq.client.exception.DriftqOverloadedException;
import io.driftq.client.model.ConsumedMessage;
import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A send to a full partition (DriftQ answers 429): the binder's client retries a bounded number of times, counts the
 * retries in {@code driftq.binder.produce.overload_retries}, then fails the send to the caller.
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
	void aFullPartitionIsRetriedABoundedNumberOfTimesCountedAndThenFailsTheSend(DriftqServer server)
			throws InterruptedException {
		String topic = "full-" + UUID.randomUUID();
		try (DriftqClient client = DriftqClient.builder(server.baseUrl()).overloadRetries(0).build()) {
			client.createTopic(topic, 1);
			// a group that acked once and then stopped: DriftQ measures backlog from the slowest such group
			client.produce(topic, null, "first");
			try (ConsumeSubscription subscription = client.subscribe(ConsumeOptions.builder(topic, "stalled").build())) {
				ConsumedMessage first = subscription.poll(Duration.ofSeconds(20));
				assertThat(first).isNotNull();
				client.ack(first);
			}
			int produced = 0;
			while (true) {
				try {
					client.produce(topic, null, "filler-" + produced++);
				}
				catch (DriftqOverloadedException ex) {
					break;
				}
				assertThat(produced).as("DriftQ should refuse a partition 100 messages ahead").isLessThan(1000);
			}
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ProducerApp.class).run(
					"--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
					"--spring.cloud.stream.driftq.binder.overload-retries=2", "--spring.main.web-application-type=none",
					"--spring.cloud.function.definition=", "--spring.cloud.stream.bindings.out-0.destination=" + topic,
					"--spring.cloud.stream.bindings.out-0.content-type=text/plain")) {
				StreamBridge bridge = context.getBean(StreamBridge.class);
				assertThatException().isThrownBy(() -> bridge.send("out-0", "one too many"))
					.satisfies((ex) -> assertThat(ex).hasRootCauseInstanceOf(DriftqOverloadedException.class));
				SimpleMeterRegistry registry = context.getBean(SimpleMeterRegistry.class);
				assertThat(registry.get("driftq.binder.produce.overload_retries").functionCounter().count())
					.isEqualTo(2);
			}
		}
	}

}
