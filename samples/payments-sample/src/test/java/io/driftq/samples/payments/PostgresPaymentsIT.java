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

package io.driftq.samples.payments;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.driftq.client.DriftqClient;
import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;
import io.driftq.test.RequiredService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample as integrate.md configures it for production: {@code spring.datasource.*}
 * pointing at PostgreSQL and nothing else. The effect table must live in PostgreSQL (no
 * SQLite file appears), and every order is charged once through duplicates and a SIGKILL.
 */
@DriftqServerTest
class PostgresPaymentsIT {

	@Test
	void theEffectTableLivesInPostgresAndEveryOrderIsChargedOnce(DriftqServer server, @TempDir Path dir)
			throws Exception {
		String url = System.getenv("DRIFTQ_TEST_POSTGRES_URL");
		if (url == null) {
			throw RequiredService.missing("PostgreSQL (set DRIFTQ_TEST_POSTGRES_URL, _USER, _PASSWORD; .ci/run does)");
		}
		String user = System.getenv("DRIFTQ_TEST_POSTGRES_USER");
		String password = System.getenv("DRIFTQ_TEST_POSTGRES_PASSWORD");
		String schema = "sample_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		try (Connection connection = DriverManager.getConnection(url, user, password);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE SCHEMA " + schema);
		}
		String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
		// where the SQLite default would put its file: it must not appear
		Path sqliteDefault = dir.resolve("should-not-exist.sqlite");
		try (FakePaymentProvider provider = new FakePaymentProvider(Duration.ofMillis(40));
				DriftqClient client = DriftqClient.builder(server.baseUrl()).build();
				SampleProcess app = new SampleProcess("payments-postgres",
						List.of("--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
								"--payments.provider-url=" + provider.url(), "--spring.datasource.url=" + schemaUrl,
								"--spring.datasource.username=" + user, "--spring.datasource.password=" + password,
								"--driftq.effects.jdbc.initialize-schema=always",
								"--driftq.effects.sqlite.path=" + sqliteDefault))) {
			ChargeOnceScenario.run(app, provider, DriftqBroker.publisher(client), () -> DriftqBroker.drained(server),
					() -> completedEffects(schemaUrl, user, password));
		}
		assertThat(Files.exists(sqliteDefault)).as("no SQLite effect file beside PostgreSQL").isFalse();
	}

	static int completedEffects(String url, String user, String password) {
		try (Connection connection = DriverManager.getConnection(url, user, password);
				ResultSet rows = connection.createStatement()
					.executeQuery("SELECT count(*) FROM driftq_effect WHERE status = 'SUCCEEDED'")) {
			rows.next();
			return rows.getInt(1);
		}
		catch (SQLException ex) {
			return -1;
		}
	}

}
