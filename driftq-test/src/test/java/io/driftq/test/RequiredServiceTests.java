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
		assertThat(catchThrowable(() -> RequiredService.missing("thing"))).isExactlyInstanceOf(expected)
			.hasMessageEndingWith("thing");
	}

}
