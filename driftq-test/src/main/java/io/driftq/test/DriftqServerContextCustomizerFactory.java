package io.driftq.test;

import java.util.List;

import org.junit.platform.commons.support.AnnotationSupport;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Spring TestContext hook behind {@link DriftqServerTest} on a Spring test class ({@code @SpringBootTest},
 * {@code @SpringJUnitConfig}, …): the test's application context gets its own {@link DriftqServer} (see
 * {@link DriftqServerContextCustomizer}). Registered in {@code META-INF/spring.factories}.
 *
 * @author DriftQ for Spring
 * @since 0.1.0
 */
class DriftqServerContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		DriftqServerTest annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
				DriftqServerTest.class);
		if (annotation == null) {
			annotation = AnnotationSupport.findAnnotation(testClass, DriftqServerTest.class).orElse(null);
		}
		return (annotation != null) ? new DriftqServerContextCustomizer(testClass, annotation.args()) : null;
	}

}
