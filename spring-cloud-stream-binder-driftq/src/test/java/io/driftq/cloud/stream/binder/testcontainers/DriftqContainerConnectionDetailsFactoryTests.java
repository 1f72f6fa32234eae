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

package io.driftq.cloud.stream.binder.testcontainers;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.driftq.test.DriftqContainer;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code @ServiceConnection} on a {@link DriftqContainer}. Needs a Docker engine and
 * skips itself without one; the same behaviour (a {@code DriftqConnectionDetails} bean
 * wins over the URL property) is tested against the real {@code driftqd} binary in
 * {@code DriftqConnectionDetailsTests}, and the registration below runs everywhere.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(classes = DriftqContainerConnectionDetailsFactoryTests.App.class,
		properties = { "spring.cloud.stream.driftq.binder.url=http://127.0.0.1:1",
				"spring.cloud.function.definition=collect",
				"spring.cloud.stream.bindings.collect-in-0.group=collectors",
				"spring.cloud.stream.bindings.collect-in-0.destination=service-connection",
				"spring.cloud.stream.bindings.collect-in-0.content-type=text/plain" })
class DriftqContainerConnectionDetailsFactoryTests {

	static final String TOPIC = "service-connection-" + UUID.randomUUID();

	@Container
	@ServiceConnection
	static final DriftqContainer driftq = new DriftqContainer();

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		final List<String> received = new CopyOnWriteArrayList<>();

		@Bean
		Consumer<String> collect() {
			return this.received::add;
		}

	}

	@Autowired
	private StreamBridge bridge;

	@Autowired
	private App app;

	@Test
	void theBinderConnectsToTheContainer() {
		this.bridge.send("collect-in-0", "hello container");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(this.app.received).isNotEmpty());
	}

}
