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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import io.driftq.client.ConsumeOptions;
import io.driftq.client.ConsumeSubscription;
import io.driftq.client.DriftqClient;
import io.driftq.client.model.ConsumedMessage;
import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.stream.binder.Binding;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The binder the way users run it: {@code application.yml} plus a
 * {@code Consumer<Command>} bean, against a real {@code driftqd}.
 */
@DriftqServerTest
class DriftqBinderApplicationTests {

	record Command(String id, String action) {
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		final List<Command> received = new CopyOnWriteArrayList<>();

		final CountDownLatch slowStarted = new CountDownLatch(1);

		final CountDownLatch slowRelease = new CountDownLatch(1);

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		Consumer<Command> commands() {
			return (command) -> {
				if ("slow".equals(command.action())) {
					this.slowStarted.countDown();
					try {
						this.slowRelease.await(30, TimeUnit.SECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
				if ("poison".equals(command.action())) {
					throw new IllegalStateException("cannot handle " + command.id());
				}
				this.received.add(command);
			};
		}

	}

	private static ConfigurableApplicationContext run(DriftqServer server, String topic, String... extra) {
		String[] args = new String[extra.length + 3];
		args[0] = "--spring.cloud.stream.driftq.binder.url=" + server.baseUrl();
		args[1] = "--test.topic=" + topic;
		args[2] = "--spring.main.web-application-type=none";
		System.arraycopy(extra, 0, args, 3, extra.length);
		return new SpringApplicationBuilder(App.class).run(args);
	}

	@Test
	void consumerBeanReceivesJsonCommandsSentThroughStreamBridge(DriftqServer server) {
		String topic = "app-" + UUID.randomUUID();
		try (ConfigurableApplicationContext context = run(server, topic)) {
			StreamBridge bridge = context.getBean(StreamBridge.class);
			bridge.send(topic, new Command("c-1", "create"));
			bridge.send(topic, new Command("c-2", "update"));
			App app = context.getBean(App.class);
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(app.received).extracting(Command::id).containsExactly("c-1", "c-2"));
			SimpleMeterRegistry registry = context.getBean(SimpleMeterRegistry.class);
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				assertThat(registry.get("driftq.binder.consumer")
					.tag("event", "received")
					.tag("topic", topic)
					.counter()
					.count()).isEqualTo(2.0);
				assertThat(registry.get("driftq.binder.consumer")
					.tag("event", "acked")
					.tag("topic", topic)
					.counter()
					.count()).isEqualTo(2.0);
			});
			assertThat(registry.get("driftq.binder.produce")
				.tags("topic", topic, "kind", "send", "outcome", "success")
				.timer()
				.count()).isEqualTo(2);
		}
	}

	@Test
	void poisonMessageGoesToBrokerDlqAndThePartitionKeepsFlowing(DriftqServer server) throws InterruptedException {
		String topic = "poison-" + UUID.randomUUID();
		try (ConfigurableApplicationContext context = run(server, topic,
				"--spring.cloud.stream.bindings.commands-in-0.consumer.max-attempts=2",
				"--spring.cloud.stream.bindings.commands-in-0.consumer.back-off-initial-interval=10",
				"--spring.cloud.stream.driftq.default.producer.retry-max-attempts=2");
				DriftqClient client = DriftqClient.builder(server.baseUrl()).build()) {
			StreamBridge bridge = context.getBean(StreamBridge.class);
			bridge.send(topic, new Command("p-1", "poison"));
			// keyless: all on partition 0, behind the poison
			List<String> after = IntStream.range(0, 12).mapToObj((i) -> "ok-" + i).toList();
			after.forEach((id) -> bridge.send(topic, new Command(id, "create")));
			App app = context.getBean(App.class);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(app.received).extracting(Command::id)
					.containsExactlyInAnyOrderElementsOf(after));
			SimpleMeterRegistry registry = context.getBean(SimpleMeterRegistry.class);
			// the poison's first delivery was nacked; on the second its budget
			// (retry-max-attempts 2) was spent: the
			// binder copied it to the broker DLQ and acked it, as it acked the rest
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				assertThat(registry.get("driftq.binder.consumer")
					.tag("event", "nacked")
					.tag("topic", topic)
					.counter()
					.count()).isEqualTo(1.0);
				assertThat(registry.get("driftq.binder.consumer")
					.tag("event", "acked")
					.tag("topic", topic)
					.counter()
					.count()).isEqualTo(13.0);
			});
			await().atMost(Duration.ofSeconds(30)).until(() -> client.listTopics().contains("dlq." + topic));
			try (ConsumeSubscription dlq = client
				.subscribe(ConsumeOptions.builder("dlq." + topic, "inspector").build())) {
				ConsumedMessage dead = dlq.poll(Duration.ofSeconds(20));
				assertThat(dead).isNotNull();
				assertThat(dead.value()).contains("p-1");
				client.ack(dead);
			}
			// the binder's own copy to the broker DLQ counts as a produce to that topic,
			// told apart by its kind
			assertThat(registry.get("driftq.binder.produce")
				.tags("topic", "dlq." + topic, "kind", "dead_letter", "outcome", "success")
				.timer()
				.count()).isEqualTo(1);
		}
	}

	@Test
	void bindingRecoversAfterDriftqdIsKilledAndRestarted(DriftqServer server) {
		String topic = "restart-" + UUID.randomUUID();
		try (ConfigurableApplicationContext context = run(server, topic)) {
			StreamBridge bridge = context.getBean(StreamBridge.class);
			App app = context.getBean(App.class);
			bridge.send(topic, new Command("before", "create"));
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(app.received).extracting(Command::id).contains("before"));
			server.kill();
			server.restart();
			await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
				bridge.send(topic, new Command("after", "create"));
				assertThat(app.received).extracting(Command::id).contains("after");
			});
		}
	}

	@Test
	void binderDlqModePublishesARecordWithTheFailureAndAcks(DriftqServer server) throws InterruptedException {
		String topic = "binder-dlq-" + UUID.randomUUID();
		try (ConfigurableApplicationContext context = run(server, topic,
				"--spring.cloud.stream.bindings.commands-in-0.consumer.max-attempts=2",
				"--spring.cloud.stream.bindings.commands-in-0.consumer.back-off-initial-interval=10",
				"--spring.cloud.stream.driftq.bindings.commands-in-0.consumer.dlq-mode=binder",
				"--spring.cloud.stream.driftq.bindings.commands-in-0.consumer.dlq-name=" + topic + ".dead");
				DriftqClient client = DriftqClient.builder(server.baseUrl()).build()) {
			StreamBridge bridge = context.getBean(StreamBridge.class);
			bridge.send(topic, new Command("p-2", "poison"));
			bridge.send(topic, new Command("ok-2", "create"));
			App app = context.getBean(App.class);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(app.received).extracting(Command::id).containsExactly("ok-2"));
			try (ConsumeSubscription dlq = client
				.subscribe(ConsumeOptions.builder(topic + ".dead", "inspector").build())) {
				ConsumedMessage dead = dlq.poll(Duration.ofSeconds(20));
				assertThat(dead).isNotNull();
				assertThat(dead.value()).contains("p-2")
					.contains("cannot handle p-2")
					.contains("\"topic\":\"" + topic + "\"")
					.contains("\"offset\":0")
					// dead-lettered once its budget (retry-max-attempts 5) was spent, not
					// after the first delivery
					.contains("\"attempts\":5");
				client.ack(dead);
			}
			assertThat(client.listTopics()).doesNotContain("dlq." + topic);
			SimpleMeterRegistry registry = context.getBean(SimpleMeterRegistry.class);
			assertThat(registry.get("driftq.binder.consumer")
				.tag("event", "dead_lettered")
				.tag("topic", topic)
				.counter()
				.count()).isEqualTo(1.0);
			// the binder's own write counts as a produce to the dead letter topic
			assertThat(registry.get("driftq.binder.produce")
				.tags("topic", topic + ".dead", "kind", "dead_letter", "outcome", "success")
				.timer()
				.count()).isEqualTo(1);
		}
	}

	@Test
	void pauseStopsDeliveryAndResumeRestartsIt(DriftqServer server) {
		String topic = "pause-" + UUID.randomUUID();
		try (ConfigurableApplicationContext context = run(server, topic)) {
			BindingsLifecycleController controller = context.getBean(BindingsLifecycleController.class);
			StreamBridge bridge = context.getBean(StreamBridge.class);
			App app = context.getBean(App.class);
			controller.pause("commands-in-0");
			Binding<?> binding = controller.queryState("commands-in-0").get(0);
			assertThat(binding.isPaused()).isTrue();
			assertThat(binding.getAdditionalConfigurationProperties()).containsEntry("consumer.ackMode", "AUTO")
				.containsEntry("url", server.baseUrl());
			bridge.send(topic, new Command("while-paused", "create"));
			await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(app.received::isEmpty);
			controller.resume("commands-in-0");
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(app.received).extracting(Command::id).containsExactly("while-paused"));
		}
	}

	@Test
	void gracefulShutdownFinishesAndAcksInFlightWork(DriftqServer server) throws InterruptedException {
		String topic = "shutdown-" + UUID.randomUUID();
		ConfigurableApplicationContext context = run(server, topic);
		App app = context.getBean(App.class);
		SimpleMeterRegistry registry = context.getBean(SimpleMeterRegistry.class);
		context.getBean(StreamBridge.class).send(topic, new Command("s-1", "slow"));
		assertThat(app.slowStarted.await(20, TimeUnit.SECONDS)).isTrue();
		Thread closer = new Thread(context::close, "closer");
		closer.start();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> closer.getState() == Thread.State.TIMED_WAITING || closer.getState() == Thread.State.WAITING);
		app.slowRelease.countDown();
		closer.join(Duration.ofSeconds(40).toMillis());
		assertThat(closer.isAlive()).isFalse();
		assertThat(app.received).extracting(Command::id).containsExactly("s-1");
		assertThat(registry.get("driftq.binder.consumer").tag("event", "acked").tag("topic", topic).counter().count())
			.isEqualTo(1.0);
	}

}
