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

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class one real, running {@link DriftqServer}, started before the class's
 * first test and closed after its last one (nested classes share it). Declare a
 * {@code DriftqServer} parameter on a test method, constructor, {@code @BeforeAll},
 * {@code @BeforeEach}, {@code @AfterEach} or {@code @AfterAll} method to get it.
 * <p>
 * When no {@code driftqd} can be found or installed (see {@link DriftqBinary}), the class
 * fails with {@code CI=true} and is skipped otherwise (see {@link RequiredService}).
 *
 * <pre class="code">
 * &#064;DriftqServerTest
 * class MyTests {
 *
 *     &#064;Test
 *     void produces(DriftqServer server) {
 *         DriftqClient client = DriftqClient.builder(server.baseUrl()).build();
 *         ...
 *     }
 *
 * }
 * </pre>
 * <p>
 * On a Spring test ({@code @SpringBootTest}, {@code @SpringJUnitConfig}) the application
 * context owns the server instead: it is started as the context is built, its URL is set
 * as {@code spring.cloud.stream.driftq.binder.url} (and {@code DRIFTQ_HTTP_URL}) ahead of
 * every other property source, it is a bean, a {@code DriftqServer} parameter resolves to
 * that bean, and it is closed after the context's other beans, so nothing needs a
 * {@code @DynamicPropertySource} and the binder's streams never see the server go first:
 *
 * <pre class="code">
 * &#064;SpringBootTest
 * &#064;DriftqServerTest
 * class OrderFlowTests {
 *
 *     &#064;Autowired
 *     StreamBridge streamBridge;
 *
 *     &#064;Test
 *     void ordersAreCharged() { ... }
 *
 * }
 * </pre>
 *
 * @author DriftQ for Spring
 * @since 0.1.0
 * @see DriftqServerExtension
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(DriftqServerExtension.class)
public @interface DriftqServerTest {

	/**
	 * Extra {@code driftqd} command line arguments, passed after {@code -addr} and
	 * {@code -wal}, e.g. {@code {"-log-level", "debug"}}.
	 * @return the extra arguments
	 */
	String[] args() default {};

}
