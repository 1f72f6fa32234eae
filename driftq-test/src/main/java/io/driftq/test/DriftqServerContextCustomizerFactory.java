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

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.platform.commons.support.AnnotationSupport;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Spring TestContext hook behind {@link DriftqServerTest} on a Spring test class
 * ({@code @SpringBootTest}, {@code @SpringJUnitConfig}, …): the test's application
 * context gets its own {@link DriftqServer} (see {@link DriftqServerContextCustomizer}).
 * Registered in {@code META-INF/spring.factories}.
 *
 * @author DriftQ for Spring
 * @since 0.1.0
 */
class DriftqServerContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		DriftqServerTest annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
				DriftqServerTest.class);
		if (annotation == null) {
			annotation = AnnotationSupport.findAnnotation(testClass, DriftqServerTest.class).orElse(null);
		}
		return (annotation != null) ? new DriftqServerContextCustomizer(testClass, annotation.args()) : null;
	}

}
