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

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit Jupiter extension behind {@link DriftqServerTest}: starts one
 * {@link DriftqServer} per top-level test class, keeps it in that class's
 * {@link ExtensionContext.Store} (which closes it after the class) and resolves
 * {@code DriftqServer} parameters.
 *
 * @author DriftQ for Spring
 * @since 0.1.0
 */
public class DriftqServerExtension implements BeforeAllCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(DriftqServerExtension.class);

	private static final String SPRING_EXTENSION = "org.springframework.test.context.junit.jupiter.SpringExtension";

	@Override
	public void beforeAll(ExtensionContext context) {
		if (!isSpringTest(context)) {
			server(context);
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == DriftqServer.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return server(extensionContext);
	}

	/**
	 * Return the server of the top-level test class that {@code context} belongs to,
	 * starting it on first use (a constructor parameter under {@code PER_CLASS} lifecycle
	 * is resolved before {@code beforeAll}).
	 */
	private DriftqServer server(ExtensionContext context) {
		if (isSpringTest(context)) {
			// the Spring test context owns the server (DriftqServerContextCustomizer):
			// the same one as its bean
			return SpringTestServer.of(context);
		}
		ExtensionContext classContext = topLevelClassContext(context);
		return classContext.getStore(NAMESPACE)
			.computeIfAbsent(DriftqServer.class, (key) -> start(classContext), DriftqServer.class);
	}

	private static ExtensionContext topLevelClassContext(ExtensionContext context) {
		ExtensionContext current = context;
		while (current.getParent().isPresent() && !current.getParent().get().equals(current.getRoot())) {
			current = current.getParent().get();
		}
		return current;
	}

	/**
	 * Whether the test class runs with Spring's {@code SpringExtension} (directly, or
	 * through an annotation such as {@code @SpringBootTest}): then its application
	 * context owns the server.
	 */
	static boolean isSpringTest(ExtensionContext context) {
		Class<?> testClass = context.getTestClass().orElse(null);
		for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
			boolean spring = AnnotationSupport.findRepeatableAnnotations(type, ExtendWith.class)
				.stream()
				.flatMap((extendWith) -> java.util.Arrays.stream(extendWith.value()))
				.anyMatch((extension) -> extension.getName().equals(SPRING_EXTENSION));
			if (spring) {
				return true;
			}
		}
		return false;
	}

	private static DriftqServer start(ExtensionContext classContext) {
		Class<?> testClass = classContext.getRequiredTestClass();
		String[] args = AnnotationSupport.findAnnotation(testClass, DriftqServerTest.class)
			.map(DriftqServerTest::args)
			.orElse(new String[0]);
		return startServer(testClass, args);
	}

	/**
	 * Start a server named after {@code testClass} with extra {@code args}; shared with
	 * the Spring customizer.
	 */
	static DriftqServer startServer(Class<?> testClass, String[] args) {
		DriftqServer server;
		try {
			server = DriftqServer.builder().name(testClass.getSimpleName()).arg(args).build();
		}
		catch (DriftqBinaryNotFoundException ex) {
			throw RequiredService
				.missing("DriftQ server (driftqd) for " + testClass.getName() + ": " + ex.getMessage());
		}
		try {
			return server.start();
		}
		catch (RuntimeException ex) {
			server.close();
			throw ex;
		}
	}

	/** Kept apart so that the extension loads without Spring on the classpath. */
	private static final class SpringTestServer {

		static DriftqServer of(ExtensionContext context) {
			return org.springframework.test.context.junit.jupiter.SpringExtension.getApplicationContext(context)
				.getBean(DriftqServerContextCustomizer.BEAN_NAME, DriftqServer.class);
		}

	}

}
