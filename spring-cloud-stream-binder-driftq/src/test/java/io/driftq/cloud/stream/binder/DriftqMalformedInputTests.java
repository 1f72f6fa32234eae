package io.driftq.cloud.stream.binder;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import io.driftq.client.ConsumeOptions;
import io.driftq.client.ConsumeSubscription;
import io.driftq.client.DriftqClient;
import io.driftq.client.model.ConsumedMessage;
import io.driftq.client.model.Envelope;
import io.driftq.client.model.ProduceRequest;
import io.driftq.client.model.RetryPolicy;
import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A value that cannot be converted to the function's input type (not JSON) ends in the dead letter topic; it neither
 * reaches the function nor blocks the partition.
 */
@DriftqServerTest
class DriftqMalformedInputTests {

	record Command(String id, String action) {
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		final List<Command> received = new CopyOnWriteArrayList<>();

		@Bean
		Consumer<Command> orders() {
			return this.received::add;
		}

	}

	@Test
	void malformedJsonEndsInTheDeadLetterTopicAndThePartitionKeepsFlowing(DriftqServer server)
			throws InterruptedException {
		String topic = "malformed-" + UUID.randomUUID();
		try (DriftqClient client = DriftqClient.builder(server.baseUrl()).build();
				ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class).run(
						"--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
						"--spring.main.web-application-type=none", "--spring.cloud.function.definition=orders",
						"--spring.cloud.stream.bindings.orders-in-0.destination=" + topic,
						"--spring.cloud.stream.bindings.orders-in-0.group=orders",
						"--spring.cloud.stream.bindings.orders-in-0.consumer.max-attempts=1",
						"--spring.cloud.stream.driftq.bindings.orders-in-0.consumer.nack-delay=0ms")) {
			Envelope twoDeliveries = Envelope.builder().retryPolicy(RetryPolicy.maxAttempts(2)).build();
			client.produce(new ProduceRequest(topic, null, "{not json", twoDeliveries));
			client.produce(new ProduceRequest(topic, null, "{\"id\":\"ok-1\",\"action\":\"create\"}", twoDeliveries));
			App app = context.getBean(App.class);
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(app.received).extracting(Command::id).containsExactly("ok-1"));
			await().atMost(Duration.ofSeconds(20)).until(() -> client.listTopics().contains("dlq." + topic));
			try (ConsumeSubscription dlq = client.subscribe(ConsumeOptions.builder("dlq." + topic, "inspector").build())) {
				ConsumedMessage dead = dlq.poll(Duration.ofSeconds(20));
				assertThat(dead).isNotNull();
				assertThat(dead.value()).isEqualTo("{not json");
				client.ack(dead);
			}
		}
	}

}
