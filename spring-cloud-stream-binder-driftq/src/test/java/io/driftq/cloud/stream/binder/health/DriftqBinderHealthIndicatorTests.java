package io.driftq.cloud.stream.binder.health;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Status;

import io.driftq.client.DriftqClient;
import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The health indicator follows the real server: UP, DOWN after it is killed, UP again after a restart.
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
