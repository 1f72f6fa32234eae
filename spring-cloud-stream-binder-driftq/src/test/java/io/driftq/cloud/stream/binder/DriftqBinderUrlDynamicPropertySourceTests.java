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
import java.util.UUID;

import io.driftq.client.ConsumeOptions;
import io.driftq.client.ConsumeSubscription;
import io.driftq.client.DriftqClient;
import io.driftq.client.model.ConsumedMessage;
import io.driftq.test.DriftqServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code DRIFTQ_HTTP_URL} registered through {@code @DynamicPropertySource} points the
 * binder at a real {@code driftqd}.
 */
@SpringBootTest(properties = { "spring.main.web-application-type=none", "spring.cloud.function.definition=",
		"spring.cloud.stream.bindings.out-0.content-type=text/plain" })
class DriftqBinderUrlDynamicPropertySourceTests {

	private static final DriftqServer DRIFTQ = DriftqServer.builder().name("binder-url-dynamic").build().start();

	private static final String TOPIC = "url-dynamic-" + UUID.randomUUID();

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ProducerApp {

	}

	@DynamicPropertySource
	static void driftq(DynamicPropertyRegistry registry) {
		registry.add("DRIFTQ_HTTP_URL", DRIFTQ::baseUrl);
		registry.add("spring.cloud.stream.bindings.out-0.destination", () -> TOPIC);
	}

	@AfterAll
	static void stopDriftq() {
		DRIFTQ.close();
	}

	@Autowired
	private StreamBridge bridge;

	@Test
	void theBinderUsesTheRegisteredUrl() throws InterruptedException {
		this.bridge.send("out-0", "dynamic");
		try (DriftqClient client = DriftqClient.builder(DRIFTQ.baseUrl()).build();
				ConsumeSubscription subscription = client
					.subscribe(ConsumeOptions.builder(TOPIC, "inspector").build())) {
			ConsumedMessage[] received = new ConsumedMessage[1];
			await().atMost(Duration.ofSeconds(20)).until(() -> {
				received[0] = subscription.poll(Duration.ofMillis(200));
				return received[0] != null;
			});
			assertThat(received[0].value()).isEqualTo("dynamic");
		}
	}

}
