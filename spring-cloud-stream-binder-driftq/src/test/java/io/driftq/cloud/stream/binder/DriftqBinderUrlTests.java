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

import io.driftq.client.ConsumeOptions;
import io.driftq.client.ConsumeSubscription;
import io.driftq.client.DriftqClient;
import io.driftq.client.model.ConsumedMessage;
import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Where the binder finds the DriftQ server, against a real {@code driftqd}:
 * {@code DRIFTQ_HTTP_URL} from any Spring property source (command line, system property,
 * {@code application.yml}), an explicit {@code spring.cloud.stream.driftq.binder.url}
 * over it, and {@code http://localhost:8080} without either.
 * ({@code @DynamicPropertySource}: {@link DriftqBinderUrlDynamicPropertySourceTests}.)
 */
@DriftqServerTest
class DriftqBinderUrlTests {

	private static final String URL_PROPERTY = "spring.cloud.stream.driftq.binder.url";

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ProducerApp {

	}

	private static ConfigurableApplicationContext run(String topic, String... extra) {
		List<String> args = new ArrayList<>(List.of("--spring.main.web-application-type=none",
				"--spring.cloud.function.definition=", "--spring.cloud.stream.bindings.out-0.destination=" + topic,
				"--spring.cloud.stream.bindings.out-0.content-type=text/plain"));
		args.addAll(List.of(extra));
		return new SpringApplicationBuilder(ProducerApp.class).run(args.toArray(String[]::new));
	}

	/**
	 * Sends through the binder and reads the message back from the server: the binder
	 * talked to that server.
	 */
	private static void assertSendsReach(DriftqServer server, ConfigurableApplicationContext context, String topic)
			throws InterruptedException {
		context.getBean(StreamBridge.class).send("out-0", "hello " + topic);
		try (DriftqClient client = DriftqClient.builder(server.baseUrl()).build();
				ConsumeSubscription subscription = client
					.subscribe(ConsumeOptions.builder(topic, "inspector").build())) {
			ConsumedMessage[] received = new ConsumedMessage[1];
			await().atMost(Duration.ofSeconds(20)).until(() -> {
				received[0] = subscription.poll(Duration.ofMillis(200));
				return received[0] != null;
			});
			assertThat(received[0].value()).isEqualTo("hello " + topic);
		}
	}

	@Test
	void driftqHttpUrlAsACommandLinePropertyIsUsed(DriftqServer server) throws InterruptedException {
		String topic = "url-arg-" + UUID.randomUUID();
		try (ConfigurableApplicationContext context = run(topic, "--DRIFTQ_HTTP_URL=" + server.baseUrl())) {
			assertThat(context.getEnvironment().getProperty(URL_PROPERTY)).isEqualTo(server.baseUrl());
			assertSendsReach(server, context, topic);
		}
	}

	@Test
	void driftqHttpUrlAsASystemPropertyIsUsed(DriftqServer server) throws InterruptedException {
		String topic = "url-sysprop-" + UUID.randomUUID();
		System.setProperty("DRIFTQ_HTTP_URL", server.baseUrl());
		try (ConfigurableApplicationContext context = run(topic)) {
			assertThat(context.getEnvironment().getProperty(URL_PROPERTY)).isEqualTo(server.baseUrl());
			assertSendsReach(server, context, topic);
		}
		finally {
			System.clearProperty("DRIFTQ_HTTP_URL");
		}
	}

	@Test
	void driftqHttpUrlInApplicationYamlIsUsed(DriftqServer server) throws InterruptedException {
		String topic = "url-yaml-" + UUID.randomUUID();
		try (ConfigurableApplicationContext context = run(topic,
				"--spring.config.additional-location=classpath:/driftq-url/",
				"--test.driftq-server=" + server.baseUrl())) {
			assertThat(context.getEnvironment().getProperty(URL_PROPERTY)).isEqualTo(server.baseUrl());
			assertSendsReach(server, context, topic);
		}
	}

	@Test
	void anExplicitBinderUrlWinsOverDriftqHttpUrl(DriftqServer server) throws InterruptedException {
		String topic = "url-explicit-" + UUID.randomUUID();
		try (ConfigurableApplicationContext context = run(topic, "--DRIFTQ_HTTP_URL=http://127.0.0.1:1",
				"--" + URL_PROPERTY + "=" + server.baseUrl())) {
			assertSendsReach(server, context, topic);
		}
	}

	@Test
	void withoutEitherTheUrlIsLocalhost8080() {
		try (ConfigurableApplicationContext context = run("url-default-" + UUID.randomUUID())) {
			assertThat(context.getEnvironment().getProperty(URL_PROPERTY)).isEqualTo("http://localhost:8080");
		}
	}

}
