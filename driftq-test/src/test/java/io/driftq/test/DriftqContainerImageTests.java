package io.driftq.test;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.testcontainers.utility.DockerImageName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for the image choice of {@link DriftqContainer}; unlike {@link DriftqContainerTests} they need no Docker
 * engine.
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
		// getDockerImageName() would resolve the image through Docker, so only what needs no engine is checked
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
