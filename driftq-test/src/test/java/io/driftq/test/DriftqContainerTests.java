package io.driftq.test;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DriftqContainer}. They need a Docker engine and are skipped without one: this is the only
 * DriftQ path that may skip, since {@link DriftqServer} covers the same server without Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
class DriftqContainerTests {

	@Container
	static final DriftqContainer driftq = new DriftqContainer();

	@Test
	void containerAnswersHealth() throws IOException {
		Http.Response health = Http.get(driftq.getBaseUrl() + "/v1/healthz");
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"ok\"");
	}

	@Test
	void containerReportsAVersion() throws IOException {
		Http.Response version = Http.get(driftq.getBaseUrl() + "/v1/version");
		assertThat(version.status()).isEqualTo(200);
		assertThat(version.body()).contains("\"version\":");
	}

}
