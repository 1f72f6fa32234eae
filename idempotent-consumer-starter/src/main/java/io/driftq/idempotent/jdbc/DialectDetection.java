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

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.support.JdbcUtils;

/**
 * Which {@link Dialect} a data source speaks: from its pool's JDBC URL when it has one,
 * else from a connection.
 */
final class DialectDetection {

	private DialectDetection() {
	}

	static Dialect detect(DataSource dataSource) {
		// from the pool's JDBC URL when it has one: no connection needed, so a database
		// that is down at
		// startup does not stop the application from starting
		Dialect fromUrl = fromUrl(jdbcUrl(dataSource));
		if (fromUrl != null) {
			return fromUrl;
		}
		String product;
		try {
			product = JdbcUtils.extractDatabaseMetaData(dataSource, (metaData) -> metaData.getDatabaseProductName());
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot detect the database of the idempotent effect store", ex);
		}
		if (product != null && product.toLowerCase().contains("sqlite")) {
			return Dialect.SQLITE;
		}
		if (product != null && product.toLowerCase().contains("postgres")) {
			return Dialect.POSTGRESQL;
		}
		throw new IllegalStateException("Unsupported database for the idempotent effect store: " + product
				+ " (supported: SQLite, PostgreSQL)");
	}

	static @Nullable Dialect fromUrl(@Nullable String jdbcUrl) {
		if (jdbcUrl == null) {
			return null;
		}
		if (jdbcUrl.startsWith("jdbc:sqlite:")) {
			return Dialect.SQLITE;
		}
		if (jdbcUrl.startsWith("jdbc:postgresql:")) {
			return Dialect.POSTGRESQL;
		}
		return null;
	}

	/**
	 * {@code getJdbcUrl()} (HikariCP) or {@code getUrl()} (Commons DBCP2, the drivers'
	 * own data sources).
	 */
	private static @Nullable String jdbcUrl(DataSource dataSource) {
		for (String name : new String[] { "getJdbcUrl", "getUrl" }) {
			try {
				java.lang.reflect.Method method = dataSource.getClass().getMethod(name);
				if (String.class.equals(method.getReturnType())) {
					return (String) method.invoke(dataSource);
				}
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				// not this kind of data source
			}
		}
		return null;
	}

}
