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

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.sql.init.DatabaseInitializationMode;

/**
 * JDBC settings.
 */
public class EffectJdbcProperties {

	/**
	 * When to create the driftq_effect table with the platform's schema script (Spring
	 * Boot's database initialization modes): embedded (the default SQLite file, or an
	 * embedded H2/HSQLDB/Derby), always, never.
	 */
	private DatabaseInitializationMode initializeSchema = DatabaseInitializationMode.EMBEDDED;

	/**
	 * JDBC URL of a dedicated effect database; when unset, the application's DataSource
	 * is used, or the default SQLite file when there is none.
	 */
	private @Nullable String url;

	/**
	 * How long a claim waits for a connection of the starter's own pools
	 * (driftq.effects.jdbc.url, the SQLite file) before failing with
	 * EffectStoreUnavailableException, so that a database that cannot be reached fails
	 * fast instead of holding the caller.
	 */
	private Duration connectionTimeout = Duration.ofSeconds(3);

	/**
	 * User of the dedicated effect database.
	 */
	private @Nullable String username;

	/**
	 * Password of the dedicated effect database.
	 */
	private @Nullable String password;

	public DatabaseInitializationMode getInitializeSchema() {
		return this.initializeSchema;
	}

	public void setInitializeSchema(DatabaseInitializationMode initializeSchema) {
		this.initializeSchema = initializeSchema;
	}

	public @Nullable String getUrl() {
		return this.url;
	}

	public void setUrl(@Nullable String url) {
		this.url = url;
	}

	public Duration getConnectionTimeout() {
		return this.connectionTimeout;
	}

	public void setConnectionTimeout(Duration connectionTimeout) {
		this.connectionTimeout = connectionTimeout;
	}

	public @Nullable String getUsername() {
		return this.username;
	}

	public void setUsername(@Nullable String username) {
		this.username = username;
	}

	public @Nullable String getPassword() {
		return this.password;
	}

	public void setPassword(@Nullable String password) {
		this.password = password;
	}

}
