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

package io.driftq.cloud.stream.binder.health;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import io.driftq.client.DriftqClient;
import io.driftq.cloud.stream.binder.StalledGroup;
import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * In an application, the binder's indicator shows up as {@code binders/driftq} in Spring
 * Cloud Stream's {@code binders} health contributor, and the health endpoint's overall
 * status follows it: DOWN while the real server is down, OUT_OF_SERVICE while a send
 * waits on a full partition longer than the stall timeout.
 */
@DriftqServerTest
class DriftqBindersHealthContributorTests {

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		@Bean
		Consumer<String> sink() {
			return (value) -> {
			};
		}

	}

	@Test
	void bindersContributorReportsDriftqDownAndUp(DriftqServer server) {
		String topic = "health-" + UUID.randomUUID();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class).run(
				"--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
				"--spring.cloud.stream.driftq.binder.request-timeout=2s", "--spring.main.web-application-type=none",
				"--spring.cloud.function.definition=sink",
				"--spring.cloud.stream.bindings.sink-in-0.destination=" + topic,
				"--spring.cloud.stream.bindings.sink-in-0.group=health")) {
			CompositeHealthContributor binders = context.getBean("bindersHealthContributor",
					CompositeHealthContributor.class);
			HealthEndpoint endpoint = context.getBean(HealthEndpoint.class);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(status(binders)).isEqualTo(Status.UP));
			assertThat(endpoint.health().getStatus()).isEqualTo(Status.UP);
			server.kill();
			await().atMost(Duration.ofSeconds(15))
				.untilAsserted(() -> assertThat(status(binders)).isEqualTo(Status.DOWN));
			assertThat(endpoint.health().getStatus()).isEqualTo(Status.DOWN);
			server.restart();
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(status(binders)).isEqualTo(Status.UP));
		}
	}

	@Test
	void aSendBlockedOnAFullPartitionTurnsHealthOutOfServiceAfterTheStallTimeoutAndUpWhenItDrains(DriftqServer server) {
		String topic = "health-full-" + UUID.randomUUID();
		try (DriftqClient client = DriftqClient.builder(server.baseUrl()).overloadRetries(0).build();
				StalledGroup stalled = StalledGroup.fill(client, topic);
				ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class).run(
						"--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
						"--spring.cloud.stream.driftq.binder.health.stall-timeout=3s",
						"--spring.main.web-application-type=none", "--spring.cloud.function.definition=",
						"--spring.cloud.stream.bindings.out-0.destination=" + topic,
						"--spring.cloud.stream.bindings.out-0.content-type=text/plain")) {
			StreamBridge bridge = context.getBean(StreamBridge.class);
			CompletableFuture<Boolean> send = CompletableFuture.supplyAsync(() -> bridge.send("out-0", "waits"));
			HealthEndpoint endpoint = context.getBean(HealthEndpoint.class);
			CompositeHealthContributor binders = context.getBean("bindersHealthContributor",
					CompositeHealthContributor.class);
			long start = System.nanoTime();
			await().atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(100))
				.untilAsserted(() -> assertThat(endpoint.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofSeconds(3))
				.isLessThan(Duration.ofSeconds(6));
			assertThat(send).isNotDone();
			assertThat(((HealthIndicator) binders.getContributor("driftq")).health().getDetails().get("problems"))
				.asString()
				.contains("binding=out-0", "topic=" + topic, "waiting for room in a full partition");
			stalled.resume();
			await().atMost(Duration.ofSeconds(20)).until(send::isDone);
			assertThat(send.join()).isTrue();
			assertThat(endpoint.health().getStatus()).isEqualTo(Status.UP);
		}
	}

	private static Status status(CompositeHealthContributor binders) {
		HealthContributor driftq = binders.getContributor("driftq");
		assertThat(driftq).isInstanceOf(HealthIndicator.class);
		return ((HealthIndicator) driftq).health().getStatus();
	}

}
