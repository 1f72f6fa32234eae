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

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.testcontainers.utility.DockerImageName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for the image choice of {@link DriftqContainer}; unlike
 * {@link DriftqContainerTests} they need no Docker engine.
 */
class DriftqContainerImageTests {

	@Test
	void defaultImageIsDriftqCoreWithDefaultTag() {
		assertThat(DriftqContainer.defaultImageName(Map.of()).asCanonicalNameString())
			.isEqualTo("ghcr.io/driftq-org/driftq-core:latest");
	}

	@Test
	void imageEnvironmentVariableOverridesDefault() {
		DockerImageName image = DriftqContainer
			.defaultImageName(Map.of("DRIFTQ_IMAGE", "registry.example/mirror/driftq:1.3.0"));
		assertThat(image.asCanonicalNameString()).isEqualTo("registry.example/mirror/driftq:1.3.0");
		assertThat(image.isCompatibleWith(DockerImageName.parse(DriftqContainer.IMAGE))).isTrue();
	}

	@Test
	void constructorAcceptsATaggedDriftqImageAndExposesHttpPort() {
		// getDockerImageName() would resolve the image through Docker, so only what needs
		// no engine is checked
		try (DriftqContainer container = new DriftqContainer("ghcr.io/driftq-org/driftq-core:1.3.0")) {
			assertThat(container.getExposedPorts()).containsExactly(8080);
		}
	}

	@Test
	void constructorRejectsAnUnrelatedImage() {
		assertThatIllegalStateException().isThrownBy(() -> new DriftqContainer("postgres:17"))
			.withMessageContaining("ghcr.io/driftq-org/driftq-core");
	}

}
