package io.driftq.cloud.stream.binder.testcontainers;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactory;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code @ServiceConnection} factory is registered where Spring Boot looks for it (runs without Docker).
 */
class DriftqConnectionDetailsFactoryRegistrationTests {

	@Test
	void factoryIsRegisteredAndLoads() {
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(ConnectionDetailsFactory.class))
			.hasAtLeastOneElementOfType(DriftqContainerConnectionDetailsFactory.class);
	}

}
