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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.driftq.client.DriftqClient;
import io.driftq.client.model.ConsumedMessage;
import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.stream.binder.Binder;
import org.springframework.cloud.stream.binder.BinderFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.StaticMessageHeaderAccessor;
import org.springframework.integration.acks.AcknowledgmentCallback;
import org.springframework.integration.handler.advice.ErrorMessageSendingRecoverer;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.SubscribableChannel;
import org.springframework.messaging.support.ErrorMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A consumer whose handler still fails after its in-process retries publishes an
 * {@link ErrorMessage} to the binding's error channel
 * ({@code <binder identity>.<binding>.errors}), against a real {@code driftqd}.
 */
@DriftqServerTest
class DriftqConsumerErrorChannelTests {

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class FailingApp {

		final AtomicInteger calls = new AtomicInteger();

		@Bean
		Consumer<String> failing() {
			return (value) -> {
				this.calls.incrementAndGet();
				throw new IllegalStateException("cannot handle " + value);
			};
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class OwnErrorHandlerApp {

		final List<ErrorMessage> handled = new CopyOnWriteArrayList<>();

		@Bean
		Consumer<String> failing() {
			return (value) -> {
				throw new IllegalStateException("cannot handle " + value);
			};
		}

		@Bean
		Consumer<ErrorMessage> onError() {
			return this.handled::add;
		}

	}

	@Test
	void withAnErrorHandlerDefinitionInsteadOfTheBindersHandlerThePushConsumerStillSettlesByTheBudget(
			DriftqServer server) {
		String topic = "consumer-errors-own-" + UUID.randomUUID();
		try (DriftqClient client = DriftqClient.builder(server.baseUrl()).build();
				ConfigurableApplicationContext context = new SpringApplicationBuilder(OwnErrorHandlerApp.class).run(
						"--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
						"--spring.main.web-application-type=none", "--spring.cloud.function.definition=failing",
						"--spring.cloud.stream.bindings.failing-in-0.destination=" + topic,
						"--spring.cloud.stream.bindings.failing-in-0.group=workers",
						"--spring.cloud.stream.bindings.failing-in-0.content-type=text/plain",
						"--spring.cloud.stream.bindings.failing-in-0.error-handler-definition=onError",
						"--spring.cloud.stream.bindings.failing-in-0.consumer.max-attempts=1",
						"--spring.cloud.stream.bindings.failing-in-0.consumer.back-off-initial-interval=10",
						"--spring.cloud.stream.driftq.bindings.failing-in-0.consumer.dlq-mode=binder")) {
			OwnErrorHandlerApp app = context.getBean(OwnErrorHandlerApp.class);
			client.produce(topic, null, "poison");
			// the application's function replaced the binder's handler on the error
			// channel; the binder still
			// nacked the message while the default budget of 5 deliveries allowed, then
			// dead-lettered it
			List<ConsumedMessage> dead = DeadLetters.read(client, topic + ".dlq", 1, Duration.ofSeconds(30));
			assertThat(DeadLetters.json(dead.get(0)).get("attempts").asInt()).isEqualTo(5);
			assertThat(DeadLetters.json(dead.get(0)).get("error").asString()).contains("cannot handle poison");
			await().atMost(Duration.ofSeconds(10)).until(() -> app.handled.size() == 5);
			assertThat(app.handled)
				.allSatisfy((error) -> assertThat(error.getPayload()).hasRootCauseMessage("cannot handle poison"));
		}
	}

	@Test
	void exhaustedRetriesPublishTheFailureToTheBindingErrorChannel(DriftqServer server) {
		String topic = "consumer-errors-" + UUID.randomUUID();
		try (DriftqClient client = DriftqClient.builder(server.baseUrl()).build();
				ConfigurableApplicationContext context = new SpringApplicationBuilder(FailingApp.class).run(
						"--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
						"--spring.main.web-application-type=none", "--spring.cloud.function.definition=failing",
						"--spring.cloud.stream.bindings.failing-in-0.destination=" + topic,
						"--spring.cloud.stream.bindings.failing-in-0.group=workers",
						"--spring.cloud.stream.bindings.failing-in-0.content-type=text/plain",
						"--spring.cloud.stream.bindings.failing-in-0.consumer.max-attempts=2",
						"--spring.cloud.stream.bindings.failing-in-0.consumer.back-off-initial-interval=10",
						"--spring.cloud.stream.driftq.bindings.failing-in-0.consumer.nack-delay=3s")) {
			Binder<?, ?, ?> binder = context.getBean(BinderFactory.class).getBinder(null, MessageChannel.class);
			SubscribableChannel errors = context.getBean(binder.getBinderIdentity() + ".failing-in-0.errors",
					SubscribableChannel.class);
			FailingApp app = context.getBean(FailingApp.class);
			List<ErrorMessage> received = new CopyOnWriteArrayList<>();
			List<Integer> callsWhenPublished = new CopyOnWriteArrayList<>();
			errors.subscribe((message) -> {
				callsWhenPublished.add(app.calls.get());
				received.add((ErrorMessage) message);
			});
			client.produce(topic, null, "poison");
			await().atMost(Duration.ofSeconds(20)).until(() -> !received.isEmpty());
			// published once the in-process attempts of the first delivery are used up
			// (DriftQ redelivers the
			// nacked message after the back-off and it fails again, so later deliveries
			// publish again)
			assertThat(callsWhenPublished.get(0)).isEqualTo(2);
			ErrorMessage error = received.get(0);
			assertThat(error.getPayload()).isInstanceOf(MessagingException.class)
				.hasRootCauseMessage("cannot handle poison");
			assertThat(new String((byte[]) ((MessagingException) error.getPayload()).getFailedMessage().getPayload()))
				.isEqualTo("poison");
			assertThat(((MessagingException) error.getPayload()).getFailedMessage().getHeaders())
				.containsEntry(DriftqHeaders.TOPIC, topic)
				.containsEntry(DriftqHeaders.GROUP, "workers");
		}
	}

	@Test
	void theBindersDeadLetterHandlerOnTheErrorChannelSettlesTheDeliveryBeforeTheApplicationsSubscribers(
			DriftqServer server) {
		String topic = "consumer-errors-dlq-" + UUID.randomUUID();
		try (DriftqClient client = DriftqClient.builder(server.baseUrl()).build();
				ConfigurableApplicationContext context = new SpringApplicationBuilder(FailingApp.class).run(
						"--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
						"--spring.main.web-application-type=none", "--spring.cloud.function.definition=failing",
						"--spring.cloud.stream.bindings.failing-in-0.destination=" + topic,
						"--spring.cloud.stream.bindings.failing-in-0.group=workers",
						"--spring.cloud.stream.bindings.failing-in-0.content-type=text/plain",
						"--spring.cloud.stream.bindings.failing-in-0.consumer.max-attempts=2",
						"--spring.cloud.stream.bindings.failing-in-0.consumer.back-off-initial-interval=10",
						"--spring.cloud.stream.driftq.bindings.failing-in-0.consumer.dlq-mode=binder")) {
			Binder<?, ?, ?> binder = context.getBean(BinderFactory.class).getBinder(null, MessageChannel.class);
			String errorChannel = binder.getBinderIdentity() + ".failing-in-0.errors";
			SubscribableChannel errors = context.getBean(errorChannel, SubscribableChannel.class);
			List<ErrorMessage> received = new CopyOnWriteArrayList<>();
			List<Boolean> settledWhenSeen = new CopyOnWriteArrayList<>();
			errors.subscribe((message) -> {
				AcknowledgmentCallback callback = StaticMessageHeaderAccessor.getAcknowledgmentCallback(message);
				settledWhenSeen.add(callback != null && callback.isAcknowledged());
				received.add((ErrorMessage) message);
			});
			client.produce(topic, "k1", "poison");
			List<ConsumedMessage> dead = DeadLetters.read(client, topic + ".dlq", 1, Duration.ofSeconds(30));
			assertThat(DeadLetters.json(dead.get(0)).get("error").asString()).contains("cannot handle poison");
			// one error message per delivery (nacked while the default budget of 5
			// deliveries allows, then
			// dead-lettered): the binder's handler, subscribed by Spring Cloud Stream
			// before any application
			// subscriber, settled each delivery before the application's subscriber saw
			// its error message
			await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 5);
			assertThat(settledWhenSeen).containsOnly(true);
			ErrorMessage error = received.get(0);
			ConsumedMessage raw = StaticMessageHeaderAccessor.getSourceData(error);
			assertThat(raw.topic()).isEqualTo(topic);
			assertThat(raw.key()).isEqualTo("k1");
			assertThat(raw.value()).isEqualTo("poison");
			assertThat(raw.attempts()).isEqualTo(1);
			assertThat(StaticMessageHeaderAccessor.<ConsumedMessage>getSourceData(received.get(4)).attempts())
				.isEqualTo(5);
			assertThat(error.getHeaders()).containsEntry(DriftqHeaders.IN_PROCESS_ATTEMPTS, 2);
			assertThat(context.getBean(errorChannel + ".handler", MessageHandler.class))
				.isInstanceOf(DriftqErrorMessageHandler.class);
			assertThat(context.getBean(errorChannel + ".recoverer")).isInstanceOf(ErrorMessageSendingRecoverer.class);
		}
	}

}
