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

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * Testcontainers container running the DriftQ server image {@value #IMAGE}. It listens on
 * {@value #HTTP_PORT} inside the container and is ready once {@code GET /v1/healthz}
 * answers 200. Needs a Docker engine; without one, use {@link DriftqServer}, which runs
 * {@code driftqd} directly.
 * <p>
 * The default image is {@value #IMAGE}:{@value #DEFAULT_TAG}, or the full image name in
 * the environment variable {@value #IMAGE_ENV} when it is set.
 *
 * @author DriftQ for Spring
 * @since 0.1.0
 */
public class DriftqContainer extends GenericContainer<DriftqContainer> {

	/**
	 * The DriftQ server image, without a tag.
	 */
	public static final String IMAGE = "ghcr.io/driftq-org/driftq-core";

	/**
	 * The default image tag. {@code latest} because no image is published for the pinned
	 * {@code driftqd} commit (images exist for release tags such as {@code 1.3.0}, whose
	 * behaviour may differ from the pinned build).
	 */
	public static final String DEFAULT_TAG = "latest";

	/**
	 * Environment variable holding the full image name (with tag) to use instead of the
	 * default.
	 */
	public static final String IMAGE_ENV = "DRIFTQ_IMAGE";

	/**
	 * The HTTP port inside the container.
	 */
	public static final int HTTP_PORT = 8080;

	private static final DockerImageName DEFAULT_IMAGE_NAME = DockerImageName.parse(IMAGE);

	/**
	 * Create a container for the image named by {@value #IMAGE_ENV}, else
	 * {@value #IMAGE}:{@value #DEFAULT_TAG}.
	 */
	public DriftqContainer() {
		this(defaultImageName(System.getenv()));
	}

	/**
	 * Create a container for the given image, e.g.
	 * {@code ghcr.io/driftq-org/driftq-core:1.3.0}.
	 * @param dockerImageName the image name
	 */
	public DriftqContainer(String dockerImageName) {
		this(DockerImageName.parse(dockerImageName));
	}

	/**
	 * Create a container for the given image, which must be {@value #IMAGE} or declared a
	 * compatible substitute.
	 * @param dockerImageName the image name
	 */
	public DriftqContainer(DockerImageName dockerImageName) {
		super(dockerImageName);
		dockerImageName.assertCompatibleWith(DEFAULT_IMAGE_NAME);
		withExposedPorts(HTTP_PORT);
		waitingFor(Wait.forHttp("/v1/healthz").forPort(HTTP_PORT).forStatusCode(200));
	}

	/**
	 * Return the base URL of the HTTP API as seen from the host, without a trailing
	 * slash.
	 * @return the base URL, e.g. {@code http://localhost:32768}
	 */
	public String getBaseUrl() {
		return "http://" + getHost() + ":" + getMappedPort(HTTP_PORT);
	}

	static DockerImageName defaultImageName(Map<String, String> environment) {
		String image = environment.get(IMAGE_ENV);
		if (image != null && !image.isBlank()) {
			return DockerImageName.parse(image.trim()).asCompatibleSubstituteFor(DEFAULT_IMAGE_NAME);
		}
		return DEFAULT_IMAGE_NAME.withTag(DEFAULT_TAG);
	}

}
