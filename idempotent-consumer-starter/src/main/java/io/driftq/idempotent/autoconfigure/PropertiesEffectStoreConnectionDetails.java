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

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * {@link EffectStoreConnectionDetails} from {@code driftq.effects.jdbc.url},
 * {@code .username} and {@code .password}.
 */
class PropertiesEffectStoreConnectionDetails implements EffectStoreConnectionDetails {

	private final EffectJdbcProperties jdbc;

	PropertiesEffectStoreConnectionDetails(EffectJdbcProperties jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String getJdbcUrl() {
		// the adapter is created only when driftq.effects.jdbc.url is set
		return Objects.requireNonNull(this.jdbc.getUrl(), "driftq.effects.jdbc.url");
	}

	@Override
	public @Nullable String getUsername() {
		return this.jdbc.getUsername();
	}

	@Override
	public @Nullable String getPassword() {
		return this.jdbc.getPassword();
	}

}
