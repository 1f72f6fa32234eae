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
import io.driftq.idempotent.EffectInProgressException;
import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.stream.binder.PollableMessageSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A deferred exception (here a stand-in for the starter's
 * {@code EffectInProgressException}, matched by name) is not a failure: the message is
 * held and handled again after {@code retryAfter()}, spends no delivery and no in-process
 * attempt, is never dead-lettered, and is re-published to the end of its topic when the
 * wait would outlast its lease.
 */
@DriftqServerTest
class DriftqDeferredDeliveryTests {

	record Call(long at, int attempts, long offset) {
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		final List<Call> calls = new CopyOnWriteArrayList<>();

		final List<String> completed = new CopyOnWriteArrayList<>();

		volatile long busyForMillis;

		volatile Duration retryAfter;

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		Consumer<Message<String>> work() {
			return (message) -> {
				long now = System.currentTimeMillis();
				this.calls.add(new Call(now, (Integer) message.getHeaders().get(DriftqHeaders.ATTEMPTS),
						(Long) message.getHeaders().get(DriftqHeaders.OFFSET)));
				if (now - this.calls.get(0).at() < this.busyForMillis) {
					throw new EffectInProgressException("another delivery holds the claim", this.retryAfter);
				}
				this.completed.add(message.getPayload());
			};
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class PolledApp {

	}

	@Test
	void aPolledConsumerHandsADeferredMessageOutAgainAfterTheWait(DriftqServer server) throws Exception {
		String topic = "deferred-polled-" + UUID.randomUUID();
		try (DriftqClient client = DriftqClient.builder(server.baseUrl()).build()) {
			client.createTopic(topic, 1);
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PolledApp.class).run(
					"--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
					"--spring.main.web-application-type=none", "--spring.cloud.function.definition=",
					"--spring.cloud.stream.pollable-source=polled",
					"--spring.cloud.stream.bindings.polled-in-0.destination=" + topic,
					"--spring.cloud.stream.bindings.polled-in-0.group=pollers",
					"--spring.cloud.stream.driftq.bindings.polled-in-0.consumer.dlq-mode=binder")) {
				PollableMessageSource source = context.getBean("polled-in-0", PollableMessageSource.class);
				client.produce(topic, null, "order-1");
				List<Call> calls = new CopyOnWriteArrayList<>();
				List<Object> completed = new CopyOnWriteArrayList<>();
				await().atMost(Duration.ofSeconds(20)).until(() -> {
					source.poll((message) -> {
						long now = System.currentTimeMillis();
						calls.add(new Call(now, (Integer) message.getHeaders().get(DriftqHeaders.ATTEMPTS),
								(Long) message.getHeaders().get(DriftqHeaders.OFFSET)));
						if (now - calls.get(0).at() < 2500) {
							throw new EffectInProgressException("another delivery holds the claim",
									Duration.ofSeconds(1));
						}
						completed.add(message.getPayload());
					});
					return !completed.isEmpty();
				});
				// held by the source, not retried in process (max-attempts 3) and not
				// redelivered by DriftQ
				assertThat(calls).extracting(Call::attempts).containsOnly(1);
				assertThat(calls).extracting(Call::offset).containsOnly(calls.get(0).offset());
				assertThat(calls).hasSizeBetween(3, 4);
				assertThat(DeadLetters.isEmpty(client, topic + ".dlq")).isTrue();
			}
		}
	}

	private static ConfigurableApplicationContext run(DriftqServer server, String topic, String lease) {
		return new SpringApplicationBuilder(App.class).run(
				"--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
				"--spring.main.web-application-type=none", "--spring.cloud.function.definition=work",
				"--spring.cloud.stream.bindings.work-in-0.destination=" + topic,
				"--spring.cloud.stream.bindings.work-in-0.group=workers",
				"--spring.cloud.stream.bindings.work-in-0.content-type=text/plain",
				"--spring.cloud.stream.driftq.bindings.work-in-0.consumer.dlq-mode=binder",
				"--spring.cloud.stream.driftq.bindings.work-in-0.consumer.lease=" + lease);
	}

	@Test
	void effectInProgressIsHeldInProcessWithoutSpendingAttempts(DriftqServer server) throws Exception {
		String topic = "deferred-held-" + UUID.randomUUID();
		try (DriftqClient client = DriftqClient.builder(server.baseUrl()).build()) {
			client.createTopic(topic, 1);
			try (ConfigurableApplicationContext context = run(server, topic, "30s")) {
				App app = context.getBean(App.class);
				app.busyForMillis = 3500;
				app.retryAfter = Duration.ofSeconds(1);
				client.produce(topic, null, "order-1");
				await().atMost(Duration.ofSeconds(20)).until(() -> app.completed.contains("order-1"));
				// held, not redelivered: every call on the first delivery; the default 3
				// in-process attempts (1 s, 2 s
				// back-off) would have been used up within 3 s
				assertThat(app.calls).extracting(Call::attempts).containsOnly(1);
				assertThat(app.calls).hasSizeGreaterThanOrEqualTo(4);
				for (int i = 1; i < app.calls.size(); i++) {
					assertThat(app.calls.get(i).at() - app.calls.get(i - 1).at()).isGreaterThanOrEqualTo(1000);
				}
				assertThat(DeadLetters.isEmpty(client, topic + ".dlq")).isTrue();
			}
		}
	}

	@Test
	void aDeferralLongerThanTheLeaseIsRepublishedWithAFreshDeliveryCount(DriftqServer server) throws Exception {
		String topic = "deferred-republished-" + UUID.randomUUID();
		try (DriftqClient client = DriftqClient.builder(server.baseUrl()).build()) {
			client.createTopic(topic, 1);
			try (ConfigurableApplicationContext context = run(server, topic, "3s")) {
				App app = context.getBean(App.class);
				app.busyForMillis = 4000;
				app.retryAfter = Duration.ofSeconds(5);
				client.produce(topic, null, "order-1");
				await().atMost(Duration.ofSeconds(30)).until(() -> app.completed.contains("order-1"));
				assertThat(app.calls).extracting(Call::attempts).containsOnly(1);
				// each later call is a copy at the end of the topic, re-published when
				// the hold reached the lease
				assertThat(app.calls).hasSizeGreaterThanOrEqualTo(2);
				for (int i = 1; i < app.calls.size(); i++) {
					assertThat(app.calls.get(i).offset()).isGreaterThan(app.calls.get(i - 1).offset());
					assertThat(app.calls.get(i).at() - app.calls.get(i - 1).at()).isGreaterThanOrEqualTo(500);
				}
				assertThat(app.completed).containsExactly("order-1");
				assertThat(DeadLetters.isEmpty(client, topic + ".dlq")).isTrue();
				// every copy is a produce of the binder's own to the topic, told apart
				// from the application's sends
				SimpleMeterRegistry registry = context.getBean(SimpleMeterRegistry.class);
				assertThat(registry.get("driftq.binder.produce")
					.tags("topic", topic, "kind", "republish", "outcome", "success")
					.timer()
					.count()).isEqualTo(app.calls.size() - 1);
				assertThat(registry.find("driftq.binder.produce").tags("topic", topic, "kind", "send").timer())
					.isNull();
			}
		}
	}

}
