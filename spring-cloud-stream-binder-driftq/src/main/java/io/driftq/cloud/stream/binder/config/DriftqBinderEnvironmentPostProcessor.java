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

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults {@code spring.cloud.stream.driftq.binder.url} to
 * {@code ${DRIFTQ_HTTP_URL:http://localhost:8080}}, in a property source of lowest
 * precedence: {@code DRIFTQ_HTTP_URL} is then resolved like any Spring property (an
 * environment variable, {@code -DDRIFTQ_HTTP_URL}, {@code application.yml},
 * {@code @DynamicPropertySource}), and an explicit
 * {@code spring.cloud.stream.driftq.binder.url} wins.
 */
public class DriftqBinderEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source holding the default. */
	public static final String PROPERTY_SOURCE_NAME = "driftqBinderDefaults";

	static final String URL_PROPERTY = "spring.cloud.stream.driftq.binder.url";

	static final String URL_DEFAULT = "${DRIFTQ_HTTP_URL:http://localhost:8080}";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
			environment.getPropertySources()
				.addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of(URL_PROPERTY, URL_DEFAULT)));
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
