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

package io.driftq.demo.config;

import io.driftq.demo.config.DemoSecurityProperties.Credentials;
import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * A role that is required but has no user fails at startup, the property and the fix in
 * the first line.
 */
class WebSecurityConfigurationTests {

	private static final Credentials NONE = new Credentials("user", null);

	private static final Credentials SET = new Credentials("user", "secret");

	@Test
	void writeOperationsOptedInWithoutAnOperatorPasswordFail() {
		MockEnvironment environment = new MockEnvironment().withProperty("management.endpoints.access.max-permitted",
				"unrestricted");
		environment.setActiveProfiles("worker");
		assertThatIllegalStateException()
			.isThrownBy(() -> WebSecurityConfiguration
				.failOnMissingCredentials(new DemoSecurityProperties(NONE, NONE, false), environment))
			.withMessageStartingWith("sidefx.security.operator.password is not set")
			.withMessageContaining("SIDEFX_OPERATOR_PASSWORD");
		assertThatNoException().isThrownBy(() -> WebSecurityConfiguration
			.failOnMissingCredentials(new DemoSecurityProperties(SET, NONE, false), environment));
	}

	@Test
	void aClosedRunsApiWithoutAClientPasswordFailsWhereTheApiRuns() {
		MockEnvironment api = new MockEnvironment();
		api.setActiveProfiles("api");
		assertThatIllegalStateException()
			.isThrownBy(() -> WebSecurityConfiguration
				.failOnMissingCredentials(new DemoSecurityProperties(NONE, NONE, false), api))
			.withMessageStartingWith("sidefx.security.client.password is not set")
			.withMessageContaining("SIDEFX_CLIENT_PASSWORD");
		assertThatNoException().isThrownBy(() -> WebSecurityConfiguration
			.failOnMissingCredentials(new DemoSecurityProperties(NONE, SET, false), api));
		assertThatNoException().isThrownBy(() -> WebSecurityConfiguration
			.failOnMissingCredentials(new DemoSecurityProperties(NONE, NONE, true), api));
		MockEnvironment worker = new MockEnvironment();
		worker.setActiveProfiles("worker");
		assertThatNoException().isThrownBy(() -> WebSecurityConfiguration
			.failOnMissingCredentials(new DemoSecurityProperties(NONE, NONE, false), worker));
	}

}
