package io.driftq.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class one real, running {@link DriftqServer}, started before the class's first test and closed
 * after its last one (nested classes share it). Declare a {@code DriftqServer} parameter on a test method,
 * constructor, {@code @BeforeAll}, {@code @BeforeEach}, {@code @AfterEach} or {@code @AfterAll} method to get it.
 * <p>
 * When no {@code driftqd} can be found or installed (see {@link DriftqBinary}), the class fails with {@code CI=true}
 * and is skipped otherwise (see {@link RequiredService}).
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
	 * Extra {@code driftqd} command line arguments, passed after {@code -addr} and {@code -wal}, e.g.
	 * {@code {"-log-level", "debug"}}.
	 * @return the extra arguments
	 */
	String[] args() default {};

}
