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

import java.nio.file.Path;
import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.driftq.idempotent.EffectStoreConfigurationException;
import io.driftq.idempotent.jdbc.SqliteDataSources;
import org.apache.commons.dbcp2.BasicDataSource;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.util.ClassUtils;

// The optional types are only touched inside the nested classes, which load only when their dependency is present.

/**
 * The pools the starter owns: one on a dedicated effect database
 * ({@link EffectStoreConnectionDetails}), built with Spring Boot's
 * {@link DataSourceBuilder}, and the SQLite file's. Each needs optional dependencies; a
 * missing one fails startup naming the dependency line to add.
 */
final class EffectStorePools {

	private static final String SQLITE_DRIVER = "org.sqlite.JDBC";

	private static final String DBCP2 = "org.apache.commons.dbcp2.BasicDataSource";

	private static final String HIKARI = "com.zaxxer.hikari.HikariDataSource";

	private static final String DATA_SOURCE_BUILDER = "org.springframework.boot.jdbc.DataSourceBuilder";

	private EffectStorePools() {
	}

	/**
	 * A SQLite pool (WAL, busy timeout, {@code BEGIN IMMEDIATE}, statement cache).
	 * @param url the {@code jdbc:sqlite:} URL
	 * @param sqlite the SQLite settings
	 * @param connectionTimeout how long a caller waits for a connection
	 * @param why what needs it, for the message when a dependency is missing
	 * @return the pool
	 */
	static DataSource sqlite(String url, EffectSqliteProperties sqlite, Duration connectionTimeout, String why,
			@Nullable ClassLoader classLoader) {
		boolean driver = ClassUtils.isPresent(SQLITE_DRIVER, classLoader);
		boolean pool = ClassUtils.isPresent(DBCP2, classLoader);
		if (!driver || !pool) {
			String missing = (!driver && !pool) ? "org.xerial:sqlite-jdbc and org.apache.commons:commons-dbcp2"
					: (!driver) ? "org.xerial:sqlite-jdbc" : "org.apache.commons:commons-dbcp2";
			throw new EffectStoreConfigurationException(why + " needs the SQLite driver and pool: add the dependency "
					+ missing + ", or configure a database (spring.datasource.url with spring-boot-starter-jdbc, or "
					+ "driftq.effects.jdbc.url)", "Add " + missing + " to the application's dependencies.");
		}
		return Sqlite.create(url, sqlite, connectionTimeout);
	}

	/**
	 * The default SQLite file's pool.
	 * @param path the file
	 * @param sqlite the SQLite settings
	 * @param connectionTimeout how long a caller waits for a connection
	 * @return the pool
	 */
	static DataSource sqliteFile(Path path, EffectSqliteProperties sqlite, Duration connectionTimeout,
			@Nullable ClassLoader classLoader) {
		return sqlite(SqliteDataSources.url(path), sqlite, connectionTimeout,
				"The default effect store (no DataSource configured, the SQLite file " + path + ")", classLoader);
	}

	/**
	 * A pool on a dedicated effect database, of the kind Spring Boot would choose
	 * (HikariCP first).
	 * @param details the connection
	 * @param connectionTimeout how long a caller waits for a connection
	 * @return the pool
	 */
	static DataSource dedicated(EffectStoreConnectionDetails details, Duration connectionTimeout,
			@Nullable ClassLoader classLoader) {
		if (!ClassUtils.isPresent(DATA_SOURCE_BUILDER, classLoader)) {
			throw new EffectStoreConfigurationException("driftq.effects.jdbc.url is set but Spring Boot's JDBC support "
					+ "is missing: add spring-boot-starter-jdbc (it builds the effect database's connection pool)",
					"Add the dependency org.springframework.boot:spring-boot-starter-jdbc.");
		}
		DataSource dataSource = Builder.build(details, classLoader);
		// fail fast when the database cannot be reached: a claim waits at most this long
		// for a connection
		if (ClassUtils.isPresent(HIKARI, classLoader)) {
			Hikari.configure(dataSource, connectionTimeout);
		}
		if (ClassUtils.isPresent(DBCP2, classLoader)) {
			Dbcp2.configure(dataSource, connectionTimeout);
		}
		return dataSource;
	}

	private static final class Sqlite {

		static DataSource create(String url, EffectSqliteProperties sqlite, Duration connectionTimeout) {
			return SqliteDataSources.create(url, sqlite.getBusyTimeout(), sqlite.getPoolSize(), connectionTimeout);
		}

	}

	private static final class Builder {

		static DataSource build(EffectStoreConnectionDetails details, @Nullable ClassLoader classLoader) {
			return DataSourceBuilder.create(classLoader)
				.url(details.getJdbcUrl())
				.username(details.getUsername())
				.password(details.getPassword())
				.build();
		}

	}

	private static final class Hikari {

		static void configure(DataSource dataSource, Duration connectionTimeout) {
			if (dataSource instanceof HikariDataSource hikari) {
				hikari.setPoolName("driftq-effects");
				hikari.setConnectionTimeout(connectionTimeout.toMillis());
			}
		}

	}

	private static final class Dbcp2 {

		static void configure(DataSource dataSource, Duration connectionTimeout) {
			if (dataSource instanceof BasicDataSource dbcp) {
				dbcp.setMaxWait(connectionTimeout);
			}
		}

	}

}
