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

import io.driftq.cloud.stream.binder.config.DriftqConnectionDetails;
import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A {@link DriftqConnectionDetails} bean (what {@code @ServiceConnection} or a platform
 * integration provides) wins over {@code spring.cloud.stream.driftq.binder.url}.
 */
@DriftqServerTest
class DriftqConnectionDetailsTests {

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		final List<String> received = new CopyOnWriteArrayList<>();

		@Bean
		Consumer<String> collect() {
			return this.received::add;
		}

	}

	@Test
	void connectionDetailsBeanWinsOverTheUrlProperty(DriftqServer server) {
		String topic = "details-" + UUID.randomUUID();
		DriftqConnectionDetails details = server::baseUrl;
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
			.initializers((applicationContext) -> applicationContext.getBeanFactory()
				.registerSingleton("driftqConnectionDetails", details))
			.run("--spring.cloud.stream.driftq.binder.url=http://127.0.0.1:1",
					"--spring.main.web-application-type=none", "--spring.cloud.function.definition=collect",
					"--spring.cloud.stream.bindings.collect-in-0.destination=" + topic,
					"--spring.cloud.stream.bindings.collect-in-0.group=collectors",
					"--spring.cloud.stream.bindings.collect-in-0.content-type=text/plain")) {
			context.getBean(StreamBridge.class).send(topic, "through the connection details");
			App app = context.getBean(App.class);
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(app.received).containsExactly("through the connection details"));
		}
	}

	@Test
	void badConnectionDetailsFailStartupNamingTheBean() {
		DriftqConnectionDetails details = () -> "ftp://nowhere";
		assertThatThrownBy(() -> new SpringApplicationBuilder(App.class)
			.initializers((applicationContext) -> applicationContext.getBeanFactory()
				.registerSingleton("driftqConnectionDetails", details))
			.run("--spring.main.web-application-type=none", "--spring.cloud.function.definition=collect",
					"--spring.cloud.stream.bindings.collect-in-0.destination=bad-" + UUID.randomUUID())
			.close()).hasStackTraceContaining("DriftqConnectionDetails bean").hasStackTraceContaining("ftp://nowhere");
	}

}
