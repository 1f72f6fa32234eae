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
import java.time.Duration;
import java.util.List;

import io.driftq.client.DriftqClient;
import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample as integrate.md builds it with no database configured: the effect table is a
 * SQLite file. Orders with duplicates, a SIGKILL mid-stream, a restart: every order
 * charged once.
 */
@DriftqServerTest
class SqlitePaymentsIT {

	@Test
	void everyOrderIsChargedOnceThroughDuplicatesAndAKill(DriftqServer server, @TempDir Path dir) throws Exception {
		Path effects = dir.resolve("effects.sqlite");
		try (FakePaymentProvider provider = new FakePaymentProvider(Duration.ofMillis(40));
				DriftqClient client = DriftqClient.builder(server.baseUrl()).build();
				SampleProcess app = new SampleProcess("payments-sqlite",
						List.of("--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
								"--payments.provider-url=" + provider.url(),
								"--driftq.effects.sqlite.path=" + effects))) {
			ChargeOnceScenario.run(app, provider, DriftqBroker.publisher(client), () -> DriftqBroker.drained(server),
					() -> completedEffects(effects));
		}
		assertThat(Files.exists(effects)).isTrue();
	}

	static int completedEffects(Path sqlite) {
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + sqlite);
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
