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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 14, "outages are honest": the demo's PostgreSQL stops (a TCP proxy the test
 * controls between the demo and the real server refuses connections and drops the open
 * ones). The API answers 503 with {@code Retry-After} within ~2 s instead of after the
 * pool's 30 s, both health views say DOWN, a worker started during the outage starts and
 * waits instead of crash-looping, a command in flight is held (not spent, not
 * dead-lettered), and everything resumes when the database is back: each run charged
 * once.
 */
class PostgresOutageIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * The longest a request may take during the outage ("within ~2 s" plus a loaded
	 * machine's slack).
	 */
	private static final Duration ANSWER_WITHIN = Duration.ofSeconds(3);

	/**
	 * Short leases, and the binder's deferrals logged so that the test can see a command
	 * being held.
	 */
	private static final List<String> WORKER = java.util.stream.Stream
		.concat(DemoStack.FAST_RECOVERY.stream(),
				java.util.stream.Stream
					.of("--logging.level.io.driftq.cloud.stream.binder.DriftqInboundChannelAdapter=DEBUG"))
		.toList();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static TcpProxy database;

	private static DemoStack stack;

	private static Outcomes outcomes;

	@BeforeAll
	static void startStack() {
		URI server = PostgresSchemas.server();
		database = new TcpProxy(server.getHost(), server.getPort());
		stack = PostgresSchemas.freshStackThrough("outage", database)
			.startAll(List.of("--sidefx.redrive-after=0"), 1, WORKER);
		outcomes = new Outcomes(stack);
	}

	@AfterAll
	static void stopStack() {
		if (stack != null) {
			stack.close();
		}
		if (database != null) {
			database.close();
		}
	}

	@Test
	void aDatabaseOutageIsAnsweredHonestlyAndNothingIsLost() throws Exception {
		DemoApi api = stack.api();
		String before = "outage-before-" + UUID.randomUUID();
		outcomes.awaitCompleted(Map.of(before, api.startRun(Map.of("business_key", before))), Duration.ofSeconds(60));

		// a run whose command reaches the worker after the database is gone: it must
		// wait, not spend its budget
		stack.workers().get(0).kill();
		String during = "outage-in-flight-" + UUID.randomUUID();
		String duringRunId = api.startRun(Map.of("business_key", during, "max_attempts", 2));
		database.cut();
		DemoProcess worker = stack.workers().get(0).start();

		HttpResponse<String> refused = send("POST", "/runs", "{\"business_key\":\"outage-refused\"}");
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
		assertThat(refused.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(refused.headers().firstValue("Retry-After")).isPresent();
		assertThat(JSON.readTree(refused.body()).path("detail").asString()).containsIgnoringCase("database");

		HttpResponse<String> healthz = send("GET", "/healthz", null);
		assertThat(healthz.statusCode()).as(healthz.body()).isEqualTo(503);
		assertThat(JSON.readTree(healthz.body()).path("database").path("status").asString()).isNotEqualTo("ok");
		HttpResponse<String> actuator = HTTP
			.send(HttpRequest.newBuilder(URI.create(stack.apiProcess().managementUrl() + "/actuator/health"))
				.timeout(ANSWER_WITHIN)
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(actuator.statusCode()).as(actuator.body()).isEqualTo(503);

		// the worker started during the outage is up (its health answers) and says DOWN;
		// it does not exit
		await("the worker started during the outage answers its health, DOWN").atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> {
				assertThat(worker.isAlive()).as("worker alive (log " + worker.logFile().toAbsolutePath() + ")")
					.isTrue();
				return worker.statusOf("/actuator/health") == 503;
			});
		assertThat(worker.starts()).as("the worker was not restarted").isEqualTo(2);
		// the in-flight run's command is held while the database is down ("not yet", like
		// an effect store that
		// does not answer): more deferrals than its 2 attempts, so none of them spent the
		// budget
		await("the in-flight command deferred 3 times while the database is down").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> countInLog(worker, "Deferred ") >= 3);
		assertThat(worker.isAlive()).isTrue();

		database.restore();
		worker.awaitHealthy();
		String after = "outage-after-" + UUID.randomUUID();
		// the API's pool reconnects in the background (HikariCP backs off up to 5 s
		// between attempts), so a request
		// right after the database is back may still get the honest 503: a client sends
		// it again (nothing was kept)
		String afterRunId = stack.api().startRunRetrying(Map.of("business_key", after), Duration.ofSeconds(30));
		outcomes.awaitCompleted(Map.of(during, duringRunId, after, afterRunId), Duration.ofSeconds(90));
		outcomes.assertChargedOnce(List.of(before, during, after));
		outcomes.assertNothingFor("outage-refused");
		await("health UP after the outage").atMost(Duration.ofSeconds(30)).untilAsserted(outcomes::assertHealthy);
	}

	private static long countInLog(DemoProcess process, String text) throws java.io.IOException {
		try (var lines = java.nio.file.Files.lines(process.logFile())) {
			return lines.filter((line) -> line.contains(text)).count();
		}
	}

	private static HttpResponse<String> send(String method, String path, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.apiProcess().baseUrl() + path))
			.timeout(ANSWER_WITHIN)
			.header("Content-Type", "application/json")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
