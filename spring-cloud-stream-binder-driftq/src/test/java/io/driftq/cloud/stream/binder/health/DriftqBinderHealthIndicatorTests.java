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

import io.driftq.client.DriftqClient;
import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The health indicator follows the real server: UP, DOWN after it is killed, UP again
 * after a restart.
 */
@DriftqServerTest
class DriftqBinderHealthIndicatorTests {

	@Test
	void flipsDownWhenDriftqdIsKilledAndUpAfterRestart(DriftqServer server) {
		try (DriftqClient client = DriftqClient.builder(server.baseUrl())
			.requestTimeout(Duration.ofSeconds(2))
			.build()) {
			DriftqBinderHealthIndicator indicator = new DriftqBinderHealthIndicator(client, new DriftqBindingStates(),
					Duration.ofSeconds(60));
			assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
			server.kill();
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN));
			server.restart();
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(indicator.health().getStatus()).isEqualTo(Status.UP));
		}
	}

}
