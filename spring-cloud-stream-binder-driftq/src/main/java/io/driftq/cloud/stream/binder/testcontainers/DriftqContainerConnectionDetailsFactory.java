package io.driftq.cloud.stream.binder.testcontainers;

import io.driftq.cloud.stream.binder.config.DriftqConnectionDetails;
import io.driftq.test.DriftqContainer;

import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;

/**
 * {@code @ServiceConnection} for a {@link DriftqContainer}: the binder connects to the container instead of
 * {@code spring.cloud.stream.driftq.binder.url}. Registered in {@code META-INF/spring.factories}; inactive unless
 * driftq-test (and so Testcontainers) is on the class path.
 */
class DriftqContainerConnectionDetailsFactory
		extends ContainerConnectionDetailsFactory<DriftqContainer, DriftqConnectionDetails> {

	DriftqContainerConnectionDetailsFactory() {
		super(ANY_CONNECTION_NAME, "io.driftq.test.DriftqContainer");
	}

	@Override
	protected DriftqConnectionDetails getContainerConnectionDetails(ContainerConnectionSource<DriftqContainer> source) {
		return new DriftqContainerConnectionDetails(source);
	}

	/** The container's HTTP API, read once the container has started. */
	static final class DriftqContainerConnectionDetails extends ContainerConnectionDetails<DriftqContainer>
			implements DriftqConnectionDetails {

		DriftqContainerConnectionDetails(ContainerConnectionSource<DriftqContainer> source) {
			super(source);
		}

		@Override
		public String url() {
			return getContainer().getBaseUrl();
		}

	}

}
