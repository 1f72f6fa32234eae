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

package io.driftq.idempotent.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * The connection to a database of the effects' own, as Spring Boot's
 * {@code JdbcConnectionDetails} is for the application's. A bean of this type (from a
 * test container, a service binding, or your own code) wins over
 * {@code driftq.effects.jdbc.url}/{@code .username}/{@code .password}, which are adapted
 * into one otherwise ({@link PropertiesEffectStoreConnectionDetails}).
 */
public interface EffectStoreConnectionDetails extends ConnectionDetails {

	/**
	 * @return the JDBC URL of the effect database
	 */
	String getJdbcUrl();

	/**
	 * @return the user, or {@code null}
	 */
	default @Nullable String getUsername() {
		return null;
	}

	/**
	 * @return the password, or {@code null}
	 */
	default @Nullable String getPassword() {
		return null;
	}

}
