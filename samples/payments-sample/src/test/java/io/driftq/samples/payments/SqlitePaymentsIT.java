package io.driftq.samples.payments;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.driftq.client.DriftqClient;
import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample as integrate.md builds it with no database configured: the effect table is a SQLite file. Orders with
 * duplicates, a SIGKILL mid-stream, a restart: every order charged once.
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
								"--payments.provider-url=" + provider.url(), "--driftq.effects.sqlite.path=" + effects))) {
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
