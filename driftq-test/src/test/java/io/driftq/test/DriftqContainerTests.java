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

package io.driftq.test;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DriftqContainer}. They need a Docker engine and are skipped without
 * one: this is the only DriftQ path that may skip, since {@link DriftqServer} covers the
 * same server without Docker.
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
