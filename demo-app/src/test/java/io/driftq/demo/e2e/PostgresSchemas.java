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

package io.driftq.demo.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import io.driftq.test.RequiredService;

/**
 * Demo stacks on the real PostgreSQL server of {@code DRIFTQ_TEST_POSTGRES_URL} (which
 * {@code .ci/run} provides), each in a fresh schema.
 */
final class PostgresSchemas {

	private PostgresSchemas() {
	}

	static DemoStack freshStack(String name) {
		return freshStack(name, null);
	}

	/**
	 * A fresh schema the demo reaches through {@code proxy} (the test can then stop "the
	 * database").
	 */
	static DemoStack freshStackThrough(String name, TcpProxy proxy) {
		return freshStack(name, proxy);
	}

	/** Host and port of the test's PostgreSQL, from {@code DRIFTQ_TEST_POSTGRES_URL}. */
	static java.net.URI server() {
		return java.net.URI.create(url().substring("jdbc:".length()));
	}

	private static String url() {
		String url = System.getenv("DRIFTQ_TEST_POSTGRES_URL");
		if (url == null || url.isBlank()) {
			throw RequiredService.missing("PostgreSQL (set DRIFTQ_TEST_POSTGRES_URL, _USER, _PASSWORD; .ci/run does)");
		}
		return url;
	}

	private static DemoStack freshStack(String name, TcpProxy proxy) {
		String url = url();
		String user = System.getenv().getOrDefault("DRIFTQ_TEST_POSTGRES_USER", "driftq");
		String password = System.getenv().getOrDefault("DRIFTQ_TEST_POSTGRES_PASSWORD", "driftq");
		String schema = "demo_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		try (Connection connection = DriverManager.getConnection(url, user, password);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE SCHEMA " + schema);
		}
		catch (SQLException ex) {
			throw RequiredService.missing("PostgreSQL at " + url + " (" + ex.getMessage() + ")");
		}
		String separator = url.contains("?") ? "&" : "?";
		if (proxy != null) {
			java.net.URI server = server();
			url = url.replace("//" + server.getHost() + ":" + server.getPort() + "/",
					"//127.0.0.1:" + proxy.port() + "/");
		}
		return DemoStack.onPostgres(name, url + separator + "currentSchema=" + schema, user, password);
	}

}
