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

package io.driftq.cloud.stream.binder.config;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where the DriftQ server is, when something other than
 * {@code spring.cloud.stream.driftq.binder.url} knows better: a bean of this type (for
 * example one made from a Testcontainers container, or by a platform integration) wins
 * over the property.
 */
@FunctionalInterface
public interface DriftqConnectionDetails extends ConnectionDetails {

	/**
	 * @return the base URL of the DriftQ HTTP API, e.g. {@code http://localhost:8080}
	 */
	String url();

}
