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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.driftq.client.DriftqClient;
import io.driftq.client.model.ConsumedMessage;
import io.driftq.client.model.Envelope;
import io.driftq.client.model.ProduceRequest;
import io.driftq.client.model.RetryPolicy;
import io.driftq.cloud.stream.binder.health.DriftqBindingStates;
import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.stream.binder.BinderFactory;
import org.springframework.cloud.stream.binder.PollableMessageSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One budget per message: the envelope's retry policy (or {@code max-deliveries} without
 * one) decides when a message is dead-lettered, in both DLQ modes and for push and polled
 * consumers; the in-process attempts are a first stage inside one delivery.
 */
@DriftqServerTest
class DriftqRetryBudgetTests {

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class FailingApp {

		/** driftq_attempts of every call of the handler. */
		final List<Integer> attempts = new CopyOnWriteArrayList<>();

		final List<String> completed = new CopyOnWriteArrayList<>();

		@Bean
		Consumer<Message<String>> work() {
			return (message) -> {
				int attempt = (Integer) message.getHeaders().get(DriftqHeaders.ATTEMPTS);
				this.attempts.add(attempt);
				if (message.getPayload().startsWith("always") || attempt <= 3) {
					throw new IllegalStateException("failure on delivery " + attempt);
				}
				this.completed.add(message.getPayload());
			};
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class PolledApp {

	}

	private static ConfigurableApplicationContext run(Class<?> app, DriftqServer server, String topic,
			String... extra) {
		List<String> args = new ArrayList<>(List.of("--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
				"--spring.main.web-application-type=none", "--spring.cloud.function.definition=work",
				"--spring.cloud.stream.bindings.work-in-0.destination=" + topic,
				"--spring.cloud.stream.bindings.work-in-0.group=workers",
				"--spring.cloud.stream.bindings.work-in-0.content-type=text/plain",
				"--spring.cloud.stream.bindings.work-in-0.consumer.back-off-initial-interval=100",
				"--spring.cloud.stream.bindings.work-in-0.consumer.back-off-max-interval=200"));
		args.addAll(List.of(extra));
		return new SpringApplicationBuilder(app).run(args.toArray(String[]::new));
	}

	@Test
	void binderDeadLetterModeRedeliversUntilTheEnvelopeBudgetIsSpent(DriftqServer server) throws Exception {
		String topic = "budget-binder-" + UUID.randomUUID();
		try (DriftqClient client = DriftqClient.builder(server.baseUrl()).build()) {
			client.createTopic(topic, 1);
			try (ConfigurableApplicationContext context = run(FailingApp.class, server, topic,
					"--spring.cloud.stream.bindings.work-in-0.consumer.max-attempts=1",
					"--spring.cloud.stream.driftq.bindings.work-in-0.consumer.dlq-mode=binder")) {
				FailingApp app = context.getBean(FailingApp.class);
				Envelope fiveDeliveries = Envelope.builder().retryPolicy(RetryPolicy.maxAttempts(5)).build();
				client.produce(new ProduceRequest(topic, null, "order-1", fiveDeliveries));
				await().atMost(Duration.ofSeconds(30)).until(() -> app.completed.contains("order-1"));
				assertThat(app.attempts).containsExactly(1, 2, 3, 4);
				assertThat(DeadLetters.isEmpty(client, topic + ".dlq")).isTrue();
				// every delivery was reported received and then settled (three nacks, one
				// ack)
				DriftqBindingStates states = ((DriftqMessageChannelBinder) context.getBean(BinderFactory.class)
					.getBinder(null, MessageChannel.class)).getBindingStates();
				await().atMost(Duration.ofSeconds(5)).until(() -> states.consumer(topic, "workers").unsettled() == 0);
				assertThat(states.consumer(topic, "workers").deadLetterRefusal()).isNull();
			}
		}
	}

	@Test
	void binderDeadLetterModeDeadLettersWhenTheBudgetIsSpent(DriftqServer server) {
		String topic = "budget-spent-" + UUID.randomUUID();
		try (DriftqClient client = DriftqClient.builder(server.baseUrl()).build()) {
			client.createTopic(topic, 1);
			try (ConfigurableApplicationContext context = run(FailingApp.class, server, topic,
					"--spring.cloud.stream.bindings.work-in-0.consumer.max-attempts=2",
					"--spring.cloud.stream.driftq.bindings.work-in-0.consumer.dlq-mode=binder")) {
				FailingApp app = context.getBean(FailingApp.class);
				Envelope threeDeliveries = Envelope.builder().retryPolicy(RetryPolicy.maxAttempts(3)).build();
				client.produce(new ProduceRequest(topic, null, "always-fails", threeDeliveries));
				List<ConsumedMessage> dead = DeadLetters.read(client, topic + ".dlq", 1, Duration.ofSeconds(30));
				assertThat(DeadLetters.json(dead.get(0)).get("attempts").asInt()).isEqualTo(3);
				assertThat(DeadLetters.json(dead.get(0)).get("error").asString()).contains("failure on delivery 3");
				// two in-process attempts in each of the three deliveries
				assertThat(app.attempts).containsExactly(1, 1, 2, 2, 3, 3);
			}
		}
	}

	@Test
	void aRefusedDeadLetterIsNackedShownInTheBindingStateAndWrittenOnALaterDelivery(DriftqServer server) {
		String topic = "budget-refused-" + UUID.randomUUID();
		String dlq = topic + ".missing-dlq";
		try (DriftqClient client = DriftqClient.builder(server.baseUrl()).build()) {
			client.createTopic(topic, 1);
			try (ConfigurableApplicationContext context = run(FailingApp.class, server, topic,
					"--spring.cloud.stream.driftq.binder.auto-create-topics=false",
					"--spring.cloud.stream.bindings.work-in-0.consumer.max-attempts=1",
					"--spring.cloud.stream.driftq.bindings.work-in-0.consumer.dlq-mode=binder",
					"--spring.cloud.stream.driftq.bindings.work-in-0.consumer.dlq-name=" + dlq,
					"--spring.cloud.stream.driftq.bindings.work-in-0.consumer.max-deliveries=2")) {
				FailingApp app = context.getBean(FailingApp.class);
				DriftqBindingStates states = ((DriftqMessageChannelBinder) context.getBean(BinderFactory.class)
					.getBinder(null, MessageChannel.class)).getBindingStates();
				// no retry policy (with one, DriftQ itself would move the nacked message
				// to dlq.<topic>): the budget is
				// max-deliveries, spent on delivery 2; the dead letter topic does not
				// exist: refused, nacked, redelivered
				client.produce(topic, null, "always-fails");
				await().atMost(Duration.ofSeconds(30))
					.until(() -> states.consumer(topic, "workers").deadLetterRefusal() != null);
				assertThat(states.consumer(topic, "workers").deadLetterRefusal()).contains(dlq);
				int deliveries = app.attempts.size();
				await().atMost(Duration.ofSeconds(30)).until(() -> app.attempts.size() > deliveries);
				client.createTopic(dlq, 1);
				List<ConsumedMessage> dead = DeadLetters.read(client, dlq, 1, Duration.ofSeconds(30));
				assertThat(DeadLetters.json(dead.get(0)).get("payload").asString()).isEqualTo("always-fails");
				await().atMost(Duration.ofSeconds(10))
					.until(() -> states.consumer(topic, "workers").deadLetterRefusal() == null);
			}
		}
	}

	@Test
	void brokerModeWithoutARetryPolicyDeadLettersAfterMaxDeliveries(DriftqServer server) {
		String topic = "budget-broker-" + UUID.randomUUID();
		try (DriftqClient client = DriftqClient.builder(server.baseUrl()).build()) {
			client.createTopic(topic, 1);
			try (ConfigurableApplicationContext context = run(FailingApp.class, server, topic,
					"--spring.cloud.stream.bindings.work-in-0.consumer.max-attempts=1",
					"--spring.cloud.stream.driftq.bindings.work-in-0.consumer.max-deliveries=4")) {
				FailingApp app = context.getBean(FailingApp.class);
				// no envelope: DriftQ alone would redeliver it forever
				client.produce(topic, null, "always-fails");
				List<ConsumedMessage> dead = DeadLetters.read(client, "dlq." + topic, 1, Duration.ofSeconds(30));
				assertThat(dead.get(0).value()).isEqualTo("always-fails");
				assertThat(app.attempts).containsExactly(1, 2, 3, 4);
			}
		}
	}

	@Test
	void polledConsumerRedeliversUntilTheBudgetIsSpent(DriftqServer server) throws Exception {
		String topic = "budget-polled-" + UUID.randomUUID();
		ParameterizedTypeReference<String> string = new ParameterizedTypeReference<>() {
		};
		try (DriftqClient client = DriftqClient.builder(server.baseUrl()).build()) {
			client.createTopic(topic, 1);
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PolledApp.class).run(
					"--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
					"--spring.main.web-application-type=none", "--spring.cloud.function.definition=",
					"--spring.cloud.stream.pollable-source=polled",
					"--spring.cloud.stream.bindings.polled-in-0.destination=" + topic,
					"--spring.cloud.stream.bindings.polled-in-0.group=pollers",
					"--spring.cloud.stream.bindings.polled-in-0.consumer.max-attempts=1",
					"--spring.cloud.stream.bindings.polled-in-0.consumer.back-off-initial-interval=100",
					"--spring.cloud.stream.driftq.bindings.polled-in-0.consumer.dlq-mode=binder")) {
				PollableMessageSource source = context.getBean("polled-in-0", PollableMessageSource.class);
				Envelope fiveDeliveries = Envelope.builder().retryPolicy(RetryPolicy.maxAttempts(5)).build();
				client.produce(new ProduceRequest(topic, null, "order-1", fiveDeliveries));
				List<Integer> attempts = new CopyOnWriteArrayList<>();
				List<String> completed = new CopyOnWriteArrayList<>();
				await().atMost(Duration.ofSeconds(30)).until(() -> {
					source.poll((message) -> {
						int attempt = (Integer) message.getHeaders().get(DriftqHeaders.ATTEMPTS);
						attempts.add(attempt);
						if (attempt <= 2) {
							throw new IllegalStateException("failure on delivery " + attempt);
						}
						completed.add((String) message.getPayload());
					}, string);
					return !completed.isEmpty();
				});
				assertThat(attempts).containsExactly(1, 2, 3);
				assertThat(DeadLetters.isEmpty(client, topic + ".dlq")).isTrue();
			}
		}
	}

}
