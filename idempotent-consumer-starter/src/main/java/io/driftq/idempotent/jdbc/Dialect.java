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

package io.driftq.idempotent.jdbc;

import javax.sql.DataSource;

/**
 * The databases the JDBC effect store supports.
 */
public enum Dialect {

	/** SQLite 3.24+ (ON CONFLICT). */
	SQLITE("sqlite"),

	/** PostgreSQL 9.5+. */
	POSTGRESQL("postgresql");

	private final String scriptName;

	Dialect(String scriptName) {
		this.scriptName = scriptName;
	}

	/**
	 * @return SQL for "now" in epoch millis on the database clock
	 * ({@link EffectStoreQueryProvider#now()})
	 */
	public String now() {
		return EffectStoreQueryProvider.of(this).now();
	}

	/**
	 * @return the schema script suffix
	 */
	public String scriptName() {
		return this.scriptName;
	}

	/**
	 * Detects the dialect of a data source.
	 * @param dataSource the data source
	 * @return the dialect
	 */
	public static Dialect detect(DataSource dataSource) {
		return DialectDetection.detect(dataSource);
	}

}
