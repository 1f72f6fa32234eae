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

package io.driftq.cloud.stream.binder.testcontainers;

import io.driftq.cloud.stream.binder.config.DriftqConnectionDetails;
import io.driftq.test.DriftqContainer;

import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;

/**
 * {@code @ServiceConnection} for a {@link DriftqContainer}: the binder connects to the
 * container instead of {@code spring.cloud.stream.driftq.binder.url}. Registered in
 * {@code META-INF/spring.factories}; inactive unless driftq-test (and so Testcontainers)
 * is on the class path.
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
