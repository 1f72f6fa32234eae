package io.driftq.cloud.stream.binder;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bad configuration fails at startup with a message naming the property.
 */
class DriftqBinderConfigurationFailureTests {

	@Test
	void nonHttpUrlFailsNamingTheProperty() {
		assertThatThrownBy(() -> new SpringApplicationBuilder(DriftqBinderApplicationTests.App.class)
			.run("--spring.cloud.stream.driftq.binder.url=ftp://nowhere", "--test.topic=t-" + UUID.randomUUID(),
					"--spring.main.web-application-type=none")
			.close()).hasStackTraceContaining("spring.cloud.stream.driftq.binder.url");
	}

}
