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

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may do what ({@code sidefx.security.*}). Two HTTP Basic users, each only when its
 * password is set: no default password works.
 *
 * @param operator the user of role {@code SIDEFX_OPERATOR}: every actuator endpoint
 * besides {@code health} and {@code info}, and the health details
 * ({@code SIDEFX_OPERATOR_USERNAME} / {@code SIDEFX_OPERATOR_PASSWORD})
 * @param client the user of role {@code SIDEFX_CLIENT}: the runs API when it is not open
 * ({@code SIDEFX_CLIENT_USERNAME} / {@code SIDEFX_CLIENT_PASSWORD})
 * @param openRunsApi whether the runs API ({@code /runs/**}) answers without credentials;
 * the {@code demo} profile sets it so that the live page works without a login, the
 * production profile requires {@code SIDEFX_CLIENT}
 */
@ConfigurationProperties("sidefx.security")
public record DemoSecurityProperties(Credentials operator, Credentials client, boolean openRunsApi) {

	/**
	 * The role that may read and (once opted in) write the actuator endpoints besides
	 * health and info.
	 */
	public static final String OPERATOR_ROLE = "SIDEFX_OPERATOR";

	/** The role that may use the runs API outside the demo profile. */
	public static final String CLIENT_ROLE = "SIDEFX_CLIENT";

	public DemoSecurityProperties {
		operator = (operator != null) ? operator : new Credentials("operator", null);
		client = (client != null) ? client : new Credentials("client", null);
	}

	/**
	 * One user.
	 *
	 * @param username the name
	 * @param password the password: plain, or encoded with its id prefix (e.g.
	 * {@code {bcrypt}$2a$10$…}); unset or blank means the user does not exist
	 */
	public record Credentials(String username, String password) {

		public Credentials {
			username = (username == null || username.isBlank()) ? null : username;
		}

		/** Whether this user exists (a name and a password are set). */
		public boolean isSet() {
			return this.username != null && this.password != null && !this.password.isBlank();
		}

	}

}
