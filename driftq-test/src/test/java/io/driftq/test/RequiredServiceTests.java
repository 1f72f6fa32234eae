package io.driftq.test;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests for {@link RequiredService}.
 */
class RequiredServiceTests {

	@Test
	void missingServiceFailsOnCi() {
		assertThat(RequiredService.exceptionFor("PostgreSQL: set X", Map.of("CI", "true")))
			.isExactlyInstanceOf(IllegalStateException.class)
			.hasMessageContaining("CI=true")
			.hasMessageEndingWith("PostgreSQL: set X");
	}

	@Test
	void missingServiceAbortsOutsideCi() {
		assertThat(RequiredService.exceptionFor("driftqd", Map.of())).isInstanceOf(TestAbortedException.class)
			.hasMessageEndingWith("driftqd");
		assertThat(RequiredService.exceptionFor("driftqd", Map.of("CI", ""))).isInstanceOf(TestAbortedException.class);
		assertThat(RequiredService.exceptionFor("driftqd", Map.of("CI", "false")))
			.isInstanceOf(TestAbortedException.class);
	}

	@Test
	void ciIsRecognisedInCommonSpellings() {
		assertThat(RequiredService.isCi(Map.of("CI", "TRUE"))).isTrue();
		assertThat(RequiredService.isCi(Map.of("CI", "1"))).isTrue();
		assertThat(RequiredService.isCi(Map.of("CI", "no"))).isFalse();
		assertThat(RequiredService.isCi(Map.of())).isFalse();
	}

	@Test
	void missingAlwaysThrowsTheExceptionForThisEnvironment() {
		Class<? extends RuntimeException> expected = RequiredService.isCi() ? IllegalStateException.class
				: TestAbortedException.class;
		assertThat(catchThrowable(() -> RequiredService.missing("thing")))
			.isExactlyInstanceOf(expected)
			.hasMessageEndingWith("thing");
	}

}
