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

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Starts a {@link DriftqServer} for one Spring test context and hands it to the
 * application: the server is a bean (named {@value #BEAN_NAME}), and its URL is the
 * property {@value #BINDER_URL_PROPERTY} (which the DriftQ binder reads) and
 * {@value #URL_PROPERTY} (which {@code ${DRIFTQ_HTTP_URL}} placeholders resolve), ahead
 * of every other property source. The server is registered before any other bean, so the
 * context destroys it last: the binder's consume streams are closed while the server
 * still answers.
 * <p>
 * Contexts are keyed by test class (a class's server is its own), and live as long as
 * Spring's context cache keeps them: until the JVM ends, or until {@code @DirtiesContext}
 * closes them.
 *
 * @author DriftQ for Spring
 * @since 0.1.0
 */
final class DriftqServerContextCustomizer implements ContextCustomizer {

	/** Name of the {@link DriftqServer} bean. */
	static final String BEAN_NAME = "driftqServer";

	/** The DriftQ binder's server URL property. */
	static final String BINDER_URL_PROPERTY = "spring.cloud.stream.driftq.binder.url";

	/**
	 * The environment variable the DriftQ tools and the binder fall back to, set here as
	 * a property.
	 */
	static final String URL_PROPERTY = "DRIFTQ_HTTP_URL";

	private final Class<?> testClass;

	private final String[] args;

	DriftqServerContextCustomizer(Class<?> testClass, String[] args) {
		this.testClass = testClass;
		this.args = args.clone();
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		DriftqServer server = DriftqServerExtension.startServer(this.testClass, this.args);
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put(BINDER_URL_PROPERTY, server.baseUrl());
		properties.put(URL_PROPERTY, server.baseUrl());
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("driftqServer", properties));
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		beanFactory.registerSingleton(BEAN_NAME, server);
		if (beanFactory instanceof DefaultListableBeanFactory registry) {
			// registered first, destroyed last (disposable beans are destroyed in reverse
			// registration order)
			registry.registerDisposableBean(BEAN_NAME, server::close);
		}
		else {
			context.addApplicationListener(
					(org.springframework.context.ApplicationListener<org.springframework.context.event.ContextClosedEvent>) (
							event) -> server.close());
		}
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof DriftqServerContextCustomizer that) && this.testClass == that.testClass
				&& Arrays.equals(this.args, that.args);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.testClass, Arrays.hashCode(this.args));
	}

}
