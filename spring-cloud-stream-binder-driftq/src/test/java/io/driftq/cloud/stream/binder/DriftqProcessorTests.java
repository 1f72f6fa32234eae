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
import java.util.function.Function;

import io.driftq.client.ConsumeOptions;
import io.driftq.client.ConsumeSubscription;
import io.driftq.client.DriftqClient;
import io.driftq.client.model.ConsumedMessage;
import io.driftq.client.model.Envelope;
import io.driftq.client.model.ProduceRequest;
import io.driftq.client.model.RetryPolicy;
import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A processor (function from one DriftQ topic to another): the envelope travels with the
 * message, but a {@code target_topic} the input arrived through is not sent again (it
 * would route the output back into the input topic, in a loop).
 */
@DriftqServerTest
class DriftqProcessorTests {

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		final List<String> seen = new CopyOnWriteArrayList<>();

		@Bean
		Function<String, String> upper() {
			return (value) -> {
				this.seen.add(value);
				return value.toUpperCase();
			};
		}

	}

	@Test
	void outputKeepsTheRunIdAndGoesToTheOutputTopic(DriftqServer server) throws InterruptedException {
		String entry = "entry-" + UUID.randomUUID();
		String in = "in-" + UUID.randomUUID();
		String out = "out-" + UUID.randomUUID();
		try (DriftqClient client = DriftqClient.builder(server.baseUrl()).build();
				ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class).run(
						"--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
						"--spring.main.web-application-type=none", "--spring.cloud.function.definition=upper",
						"--spring.cloud.stream.bindings.upper-in-0.destination=" + in,
						"--spring.cloud.stream.bindings.upper-in-0.group=upper",
						"--spring.cloud.stream.bindings.upper-in-0.content-type=text/plain",
						"--spring.cloud.stream.bindings.upper-out-0.destination=" + out,
						"--spring.cloud.stream.bindings.upper-out-0.content-type=text/plain")) {
			client.createTopic(entry, 1);
			// produced to 'entry', routed by DriftQ into 'in' through target_topic
			client.produce(new ProduceRequest(entry, null, "hello",
					Envelope.builder().targetTopic(in).runId("run-7").retryPolicy(RetryPolicy.maxAttempts(3)).build()));
			App app = context.getBean(App.class);
			await().atMost(Duration.ofSeconds(20)).until(() -> app.seen.contains("hello"));
			try (ConsumeSubscription subscription = client
				.subscribe(ConsumeOptions.builder(out, "inspector").build())) {
				ConsumedMessage output = subscription.poll(Duration.ofSeconds(20));
				assertThat(output).isNotNull();
				assertThat(output.value()).isEqualTo("HELLO");
				assertThat(output.envelopeOrEmpty().runId()).isEqualTo("run-7");
				client.ack(output);
			}
			assertThat(app.seen).containsExactly("hello");
		}
	}

}
