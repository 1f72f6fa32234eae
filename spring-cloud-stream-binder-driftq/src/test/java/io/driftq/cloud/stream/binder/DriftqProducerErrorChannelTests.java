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
import io.driftq.client.exception.DriftqMessageTooLargeException;
import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.stream.binder.Binder;
import org.springframework.cloud.stream.binder.BinderFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.SubscribableChannel;
import org.springframework.messaging.support.ErrorMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * A producer binding's failed sends reach its error channel as an {@link ErrorMessage}
 * carrying the original message, against a real {@code driftqd}: with
 * {@code error-channel-enabled} (the binding's own channel
 * {@code <binder identity>.<binding>.errors}, bridged to {@code errorChannel}) and with
 * an {@code error-handler-definition}; {@code sync} decides whether the caller sees the
 * failure too.
 */
@DriftqServerTest
class DriftqProducerErrorChannelTests {

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ProducerApp {

		final List<ErrorMessage> handled = new CopyOnWriteArrayList<>();

		@Bean
		Consumer<ErrorMessage> sendFailures() {
			return this.handled::add;
		}

	}

	private static ConfigurableApplicationContext run(DriftqServer server, String topic, String... extra) {
		List<String> args = new java.util.ArrayList<>(
				List.of("--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
						"--spring.main.web-application-type=none", "--spring.cloud.function.definition=",
						"--spring.cloud.stream.output-bindings=out", "--spring.cloud.stream.function.autodetect=false",
						"--spring.cloud.stream.bindings.out.destination=" + topic,
						"--spring.cloud.stream.bindings.out.content-type=text/plain"));
		args.addAll(List.of(extra));
		return new SpringApplicationBuilder(ProducerApp.class).run(args.toArray(String[]::new));
	}

	/**
	 * The binding's error channel, named by Spring Cloud Stream after the binder's
	 * identity and the binding.
	 */
	private static SubscribableChannel bindingErrorChannel(ConfigurableApplicationContext context, String binding) {
		Binder<?, ?, ?> binder = context.getBean(BinderFactory.class).getBinder(null, MessageChannel.class);
		return context.getBean(binder.getBinderIdentity() + "." + binding + ".errors", SubscribableChannel.class);
	}

	private static List<ErrorMessage> collect(SubscribableChannel channel) {
		List<ErrorMessage> received = new CopyOnWriteArrayList<>();
		channel.subscribe((message) -> received.add((ErrorMessage) message));
		return received;
	}

	@Test
	void anOversizedSendGoesToTheBindingErrorChannelAndTheGlobalOneAndIsThrownWhenSync(DriftqServer server) {
		String topic = "producer-errors-" + UUID.randomUUID();
		try (ConfigurableApplicationContext context = run(server, topic,
				"--spring.cloud.stream.bindings.out.producer.error-channel-enabled=true")) {
			List<ErrorMessage> onBinding = collect(bindingErrorChannel(context, "out"));
			List<ErrorMessage> onGlobal = collect(context.getBean("errorChannel", SubscribableChannel.class));
			String oversized = "x".repeat(70_000);
			assertThatException().isThrownBy(() -> context.getBean(StreamBridge.class).send("out", oversized))
				.satisfies((ex) -> assertThat(ex).hasRootCauseInstanceOf(DriftqMessageTooLargeException.class));
			assertThat(onBinding).singleElement().satisfies((error) -> {
				assertThat(error.getPayload()).isInstanceOf(MessagingException.class)
					.hasRootCauseInstanceOf(DriftqMessageTooLargeException.class);
				assertThat(((MessagingException) error.getPayload()).getFailedMessage().getPayload())
					.isEqualTo(oversized.getBytes(java.nio.charset.StandardCharsets.UTF_8));
				assertThat(error.getOriginalMessage().getPayload())
					.isEqualTo(oversized.getBytes(java.nio.charset.StandardCharsets.UTF_8));
			});
			assertThat(onGlobal).hasSize(1);
		}
	}

	@Test
	void withSyncFalseAFailedSendGoesOnlyToTheErrorHandlerAndTheCallerContinues(DriftqServer server) {
		String topic = "producer-errors-missing-" + UUID.randomUUID();
		try (DriftqClient client = DriftqClient.builder(server.baseUrl()).build();
				ConfigurableApplicationContext context = run(server, topic,
						"--spring.cloud.stream.driftq.binder.auto-create-topics=false",
						"--spring.cloud.stream.bindings.out.error-handler-definition=sendFailures",
						"--spring.cloud.stream.driftq.bindings.out.producer.sync=false")) {
			ProducerApp app = context.getBean(ProducerApp.class);
			assertThat(context.getBean(StreamBridge.class).send("out", "to a topic that does not exist")).isTrue();
			await().atMost(Duration.ofSeconds(10)).until(() -> !app.handled.isEmpty());
			ErrorMessage error = app.handled.get(0);
			assertThat(error.getPayload()).hasMessageContaining(topic)
				.hasMessageContaining("spring.cloud.stream.driftq.binder.auto-create-topics is false");
			assertThat(error.getOriginalMessage()).isNotNull();
			Message<?> failed = ((MessagingException) error.getPayload()).getFailedMessage();
			assertThat(new String((byte[]) failed.getPayload())).isEqualTo("to a topic that does not exist");
			assertThat(client.listTopics()).doesNotContain(topic);
		}
	}

	@Test
	void withoutAnErrorChannelAFailedSendIsThrownEvenWhenSyncIsFalse(DriftqServer server) {
		String topic = "producer-errors-none-" + UUID.randomUUID();
		try (ConfigurableApplicationContext context = run(server, topic,
				"--spring.cloud.stream.driftq.bindings.out.producer.sync=false")) {
			assertThatException().isThrownBy(() -> context.getBean(StreamBridge.class).send("out", "y".repeat(70_000)))
				.satisfies((ex) -> assertThat(ex).hasRootCauseInstanceOf(DriftqMessageTooLargeException.class));
		}
	}

}
