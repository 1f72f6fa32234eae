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

/**
 * Default SQLite database (used when the application has no DataSource).
 */
public class EffectSqliteProperties {

	/**
	 * Database file. When unset: environment variable SIDEFX_DB_PATH, else
	 * ./data/effects.sqlite.
	 */
	private @Nullable String path;

	/**
	 * How long a connection waits for a write lock held by another process.
	 */
	private Duration busyTimeout = Duration.ofSeconds(10);

	/**
	 * Maximum pooled connections (writes are serialized by the store regardless).
	 */
	private int poolSize = 4;

	public @Nullable String getPath() {
		return this.path;
	}

	public void setPath(@Nullable String path) {
		this.path = path;
	}

	public Duration getBusyTimeout() {
		return this.busyTimeout;
	}

	public void setBusyTimeout(Duration busyTimeout) {
		this.busyTimeout = busyTimeout;
	}

	public int getPoolSize() {
		return this.poolSize;
	}

	public void setPoolSize(int poolSize) {
		this.poolSize = poolSize;
	}

}
