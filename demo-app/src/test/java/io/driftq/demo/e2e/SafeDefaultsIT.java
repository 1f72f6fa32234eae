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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.driftq.client.DriftqClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 14, safe defaults, on real processes sharing one {@code driftqd} and one SQLite
 * file: an API and a worker in the production (default) profile, an API in the
 * {@code demo} profile, and a demo worker whose operator opted in to the actuator's write
 * operations. No write endpoint answers without credentials, on the application port or
 * the management port; the operator can pause a binding once opted in; the management
 * ports listen on loopback only; the page, the debug views and the docs exist with the
 * demo profile only; every answer carries the security headers; {@code /debug/dlq} pages
 * through every dead letter with one fixed group.
 */
class SafeDefaultsIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NORMAL)
		.build();

	private static final String BINDING = "handleCommand-in-0";

	private static final String UNTOUCHED_EFFECT = "safe-run:charge_card:untouched";

	private static final String OPERATOR_EFFECT = "safe-run:charge_card:operator";

	private static final List<String> DEMO_VIEWS = List.of("/", "/page.js", "/debug/side-effects", "/debug/artifacts",
			"/debug/dlq", "/docs", "/openapi.json");

	private static DemoStack stack;

	private static DemoProcess productionApi;

	private static DemoProcess productionWorker;

	private static DemoProcess demoApi;

	private static DemoProcess operatorWorker;

	@BeforeAll
	static void start() throws SQLException {
		stack = DemoStack.onSqlite("safe");
		productionApi = stack.startProcess("prod-api", "api", List.of());
		productionWorker = stack.startProcess("prod-worker", "worker", List.of());
		demoApi = stack.startProcess("demo-api", DemoStack.API_PROFILES, List.of());
		operatorWorker = stack.startProcess("operator-worker", DemoStack.WORKER_PROFILES,
				List.of("--management.endpoints.access.max-permitted=unrestricted"));
		List.of(productionApi, productionWorker, demoApi, operatorWorker).forEach(DemoProcess::awaitHealthy);
		insertUnknownEffect(UNTOUCHED_EFFECT);
		insertUnknownEffect(OPERATOR_EFFECT);
	}

	@AfterAll
	static void stop() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void withoutCredentialsOrOptInNoWriteEndpointAnswersOnAnyPortAndNothingChanges() {
		List<String> bases = List.of(productionApi.baseUrl(), productionApi.managementUrl(),
				productionWorker.managementUrl(), demoApi.baseUrl(), demoApi.managementUrl(),
				operatorWorker.managementUrl());
		List<String> tried = new ArrayList<>();
		for (String base : bases) {
			for (HttpRequest.Builder write : writes(base, UNTOUCHED_EFFECT)) {
				HttpRequest anonymous = write.copy().build();
				assertThat(send(anonymous).statusCode()).as(describe(anonymous)).isIn(401, 403, 404);
				HttpRequest asClient = write.copy()
					.header("Authorization", DemoApi.basic(DemoStack.CLIENT_USER, DemoStack.CLIENT_PASSWORD))
					.build();
				assertThat(send(asClient).statusCode()).as(describe(asClient) + " as client").isIn(401, 403, 404);
				tried.add(describe(anonymous));
				if (!base.equals(operatorWorker.managementUrl())) {
					// the operator, where nobody opted in: still no write operation
					HttpRequest asOperator = write.copy()
						.header("Authorization", DemoApi.basic(DemoStack.OPERATOR_USER, DemoStack.OPERATOR_PASSWORD))
						.build();
					assertThat(send(asOperator).statusCode()).as(describe(asOperator) + " as operator")
						.isIn(403, 404, 405);
				}
			}
		}
		assertThat(tried).hasSize(bases.size() * 3);

		assertThat(effectStatus(UNTOUCHED_EFFECT)).isEqualTo("UNKNOWN");
		assertThat(bindingState()).isEqualTo("running");
		// and the workers still charge: a run made through the production API completes
		DemoApi client = new DemoApi(productionApi.baseUrl()).as(DemoStack.CLIENT_USER, DemoStack.CLIENT_PASSWORD);
		String runId = client.startRun(Map.of("business_key", "safe-after-writes-" + UUID.randomUUID()));
		await("run " + runId + " completed").atMost(Duration.ofSeconds(60))
			.until(() -> "completed".equals(client.runStatus(runId)));
	}

	@Test
	void anOperatorWithCredentialsPausesAndResumesABindingOnceOptedIn() {
		String bindingUrl = operatorWorker.managementUrl() + "/actuator/bindings/" + BINDING;
		HttpRequest.Builder pause = json(bindingUrl, "POST", "{\"state\":\"PAUSED\"}");
		assertThat(send(pause.copy().build()).statusCode()).as("no credentials").isEqualTo(401);
		assertThat(send(pause.copy().header("Authorization", DemoApi.basic(DemoStack.OPERATOR_USER, "guess")).build())
			.statusCode()).as("wrong password").isEqualTo(401);
		assertThat(send(pause.copy()
			.header("Authorization", DemoApi.basic(DemoStack.CLIENT_USER, DemoStack.CLIENT_PASSWORD))
			.build()).statusCode()).as("client role").isEqualTo(403);
		assertThat(bindingState()).isEqualTo("running");

		String operatorAuth = DemoApi.basic(DemoStack.OPERATOR_USER, DemoStack.OPERATOR_PASSWORD);
		assertThat(send(pause.copy().header("Authorization", operatorAuth).build()).statusCode()).isIn(200, 204);
		assertThat(bindingState()).isEqualTo("paused");
		assertThat(
				send(json(bindingUrl, "POST", "{\"state\":\"RESUMED\"}").header("Authorization", operatorAuth).build())
					.statusCode())
			.isIn(200, 204);
		assertThat(bindingState()).isEqualTo("running");

		// the same operator resolves an UNKNOWN effect there: the write operations the
		// other test tried are real
		HttpResponse<String> resolved = send(
				json(operatorWorker.managementUrl() + "/actuator/effects/" + OPERATOR_EFFECT, "POST", "{}")
					.header("Authorization", operatorAuth)
					.build());
		assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
		assertThat(effectStatus(OPERATOR_EFFECT)).isEqualTo("SUCCEEDED");
	}

	@Test
	void theRunsApiNeedsTheClientRoleInProductionAndIsOpenInTheDemoProfile() {
		String body = "{\"business_key\": \"safe-roles-" + UUID.randomUUID() + "\"}";
		HttpRequest.Builder post = json(productionApi.baseUrl() + "/runs", "POST", body);
		assertThat(send(post.copy().build()).statusCode()).as("no credentials").isEqualTo(401);
		assertThat(send(post.copy()
			.header("Authorization", DemoApi.basic(DemoStack.OPERATOR_USER, DemoStack.OPERATOR_PASSWORD))
			.build()).statusCode()).as("operator role").isEqualTo(403);
		assertThat(send(json(productionApi.baseUrl() + "/runs/unknown-run", "GET", null).build()).statusCode())
			.as("GET without credentials")
			.isEqualTo(401);
		assertThat(send(post.copy()
			.header("Authorization", DemoApi.basic(DemoStack.CLIENT_USER, DemoStack.CLIENT_PASSWORD))
			.build()).statusCode()).as("client role").isEqualTo(200);
		assertThat(send(
				json(demoApi.baseUrl() + "/runs", "POST", "{\"business_key\": \"safe-open-" + UUID.randomUUID() + "\"}")
					.build())
			.statusCode()).as("demo profile, no credentials").isEqualTo(200);
		assertThat(new DemoApi(productionApi.baseUrl()).get("/healthz").statusCode()).as("/healthz stays open")
			.isEqualTo(200);
	}

	/**
	 * A client in production cannot make a worker fail or halt on purpose: the chaos
	 * controls are the demo's.
	 */
	@Test
	void theChaosControlsOfARunAreRefusedOutsideTheDemoProfile() {
		String client = DemoApi.basic(DemoStack.CLIENT_USER, DemoStack.CLIENT_PASSWORD);
		for (String chaos : List.of("\"fail_mode\": \"crash_during_effect\"", "\"fail_before_effect_n\": 2")) {
			String body = "{\"business_key\": \"safe-chaos-" + UUID.randomUUID() + "\", " + chaos + "}";
			HttpResponse<String> refused = send(
					json(productionApi.baseUrl() + "/runs", "POST", body).header("Authorization", client).build());
			assertThat(refused.statusCode()).as(chaos + ": " + refused.body()).isEqualTo(400);
			assertThat(refused.body()).contains("demo profile");
		}
		String plain = "{\"business_key\": \"safe-chaos-none-" + UUID.randomUUID() + "\", \"fail_mode\": \"none\"}";
		assertThat(send(json(productionApi.baseUrl() + "/runs", "POST", plain).header("Authorization", client).build())
			.statusCode()).isEqualTo(200);
		assertThat(send(json(demoApi.baseUrl() + "/runs", "POST",
				"{\"business_key\": \"safe-chaos-demo-" + UUID.randomUUID() + "\", \"fail_before_effect_n\": 1}")
			.build()).statusCode()).as("demo profile").isEqualTo(200);
	}

	@Test
	void managementPortsAndServersListenOnLoopbackOnly() throws IOException {
		for (int port : List.of(productionApi.managementPort(), productionApi.port(), productionWorker.port(),
				demoApi.managementPort())) {
			List<String> listeners = listeningAddresses(port);
			assertThat(listeners).as("listening sockets of port " + port)
				.isNotEmpty()
				.allSatisfy((address) -> assertThat(address).isIn("0100007F", "00000000000000000000000001000000",
						"0000000000000000FFFF00000100007F"));
		}
		assertThat(operator(productionApi).getJson("/actuator/health").get("status").asString()).isEqualTo("UP");
		// health details: for the operator only
		assertThat(new DemoApi(productionApi.managementUrl()).getJson("/actuator/health").has("components")).isFalse();
		assertThat(operator(productionApi).getJson("/actuator/health").has("components")).isTrue();
		// production exposes health and info only, even to the operator
		assertThat(operator(productionApi).get("/actuator/metrics").statusCode()).isEqualTo(404);
		assertThat(operator(productionApi).get("/actuator/effects").statusCode()).isEqualTo(404);
	}

	@Test
	void thePageDebugViewsAndDocsExistWithTheDemoProfileOnly() {
		for (String path : DEMO_VIEWS) {
			assertThat(send(json(productionApi.baseUrl() + path, "GET", null).build()).statusCode())
				.as("production API " + path)
				.isEqualTo(404);
			assertThat(send(json(productionApi.managementUrl() + path, "GET", null).build()).statusCode())
				.as("production management port " + path)
				.isEqualTo(404);
			assertThat(send(json(operatorWorker.baseUrl() + path, "GET", null).build()).statusCode())
				.as("demo worker " + path)
				.isEqualTo(404);
			assertThat(send(json(demoApi.baseUrl() + path, "GET", null).build()).statusCode()).as("demo API " + path)
				.isEqualTo(200);
		}
	}

	@Test
	void pageAndApiAnswersCarryTheSecurityHeaders() {
		String clientAuth = DemoApi.basic(DemoStack.CLIENT_USER, DemoStack.CLIENT_PASSWORD);
		List<HttpRequest> requests = List.of(json(demoApi.baseUrl() + "/", "GET", null).build(),
				json(demoApi.baseUrl() + "/page.js", "GET", null).build(),
				json(demoApi.baseUrl() + "/runs/unknown-run", "GET", null).build(),
				json(demoApi.baseUrl() + "/debug/side-effects", "GET", null).build(),
				json(demoApi.baseUrl() + "/healthz", "GET", null).build(),
				json(productionApi.baseUrl() + "/runs/unknown-run", "GET", null).header("Authorization", clientAuth)
					.build(),
				json(productionApi.baseUrl() + "/runs", "POST", "{}").build());
		for (HttpRequest request : requests) {
			HttpResponse<String> response = send(request);
			assertThat(response.headers().firstValue("Content-Security-Policy")).as(describe(request))
				.hasValueSatisfying((csp) -> assertThat(csp)
					.contains("script-src 'self';", "style-src 'self';", "frame-ancestors 'none'")
					.doesNotContain("unsafe"));
			assertThat(response.headers().firstValue("X-Frame-Options")).as(describe(request)).hasValue("DENY");
			assertThat(response.headers().firstValue("X-Content-Type-Options")).as(describe(request))
				.hasValue("nosniff");
			assertThat(response.headers().firstValue("Referrer-Policy")).as(describe(request)).hasValue("no-referrer");
		}
	}

	@Test
	void theDlqViewPagesThroughEveryDeadLetterWithOneGroupThatStays() throws Exception {
		String marker = "safe-dlq-" + UUID.randomUUID();
		List<String> produced = new ArrayList<>();
		try (DriftqClient client = DriftqClient.builder(stack.driftq().baseUrl()).build()) {
			client.createTopic("sidefx.dlq", 1);
			for (int i = 0; i < 7; i++) {
				String id = marker + "-" + i;
				produced.add(id);
				client.produce("sidefx.dlq", null, "{\"type\":\"sidefx.dlq\",\"marker\":\"" + id + "\"}");
			}
		}
		DemoApi api = new DemoApi(demoApi.baseUrl());
		await("7 dead letters in the view").atMost(Duration.ofSeconds(30))
			.until(() -> markers(api.getJson("/debug/dlq?limit=100").get("items"), marker).size() == 7);

		List<String> paged = new ArrayList<>();
		long after = -1;
		int pages = 0;
		while (true) {
			JsonNode page = api.getJson("/debug/dlq?limit=3&after=" + after);
			assertThat(page.get("count").asInt()).isLessThanOrEqualTo(3);
			paged.addAll(markers(page.get("items"), marker));
			pages++;
			if (page.get("next_after").isNull()) {
				break;
			}
			after = page.get("next_after").asLong();
			assertThat(pages).as("pages").isLessThan(10);
		}
		assertThat(paged).as("every dead letter once, oldest first, over " + pages + " pages")
			.containsExactlyElementsOf(produced);
		assertThat(pages).isGreaterThanOrEqualTo(3);

		Set<String> before = groupsOf("sidefx.dlq");
		for (int i = 0; i < 5; i++) {
			api.getJson("/debug/dlq?limit=2");
		}
		// the view's one group, and the binder's retainer in each worker (it keeps the
		// DLQ drained, docs/binder.md)
		assertThat(groupsOf("sidefx.dlq")).as("groups on sidefx.dlq")
			.isEqualTo(before)
			.containsExactlyInAnyOrder("sidefx-dlq-view", "driftq-binder-dlq-retainer");
	}

	private static List<HttpRequest.Builder> writes(String base, String effectId) {
		return List.of(json(base + "/actuator/effects/" + effectId, "POST", "{}"),
				json(base + "/actuator/effects/" + effectId, "DELETE", null),
				json(base + "/actuator/bindings/" + BINDING, "POST", "{\"state\":\"PAUSED\"}"));
	}

	private static HttpRequest.Builder json(String url, String method, String body) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
		if (body != null) {
			builder.header("Content-Type", "application/json");
		}
		return builder.method(method,
				(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
	}

	private static HttpResponse<String> send(HttpRequest request) {
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(describe(request), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String describe(HttpRequest request) {
		return request.method() + " " + request.uri();
	}

	private static DemoApi operator(DemoProcess process) {
		return new DemoApi(process.managementUrl()).as(DemoStack.OPERATOR_USER, DemoStack.OPERATOR_PASSWORD);
	}

	private static String bindingState() {
		JsonNode binding = operator(operatorWorker).getJson("/actuator/bindings/" + BINDING);
		return (binding.isArray() ? binding.get(0) : binding).get("state").asString();
	}

	private static List<String> markers(JsonNode items, String marker) {
		return items.valueStream()
			.map((item) -> item.path("marker").asString(""))
			.filter((m) -> m.startsWith(marker))
			.toList();
	}

	/**
	 * The groups {@code driftqd}'s {@code /metrics} knows on a topic (it lists every
	 * group that ever read it).
	 */
	private static Set<String> groupsOf(String topic) {
		String metrics = send(json(stack.driftq().baseUrl() + "/metrics", "GET", null).build()).body();
		Set<String> groups = new TreeSet<>();
		Matcher line = Pattern.compile("^(inflight_messages|consumer_lag)\\{([^}]*)\\}", Pattern.MULTILINE)
			.matcher(metrics);
		while (line.find()) {
			String labels = line.group(2);
			if (labels.contains("topic=\"" + topic + "\"")) {
				Matcher group = Pattern.compile("group=\"([^\"]*)\"").matcher(labels);
				if (group.find()) {
					groups.add(group.group(1));
				}
			}
		}
		return groups;
	}

	/**
	 * The local addresses (hex, as in {@code /proc/net/tcp}) of the sockets listening on
	 * {@code port}.
	 */
	private static List<String> listeningAddresses(int port) throws IOException {
		String hexPort = String.format("%04X", port);
		List<String> addresses = new ArrayList<>();
		for (Path table : List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"))) {
			if (!Files.isReadable(table)) {
				continue;
			}
			for (String row : Files.readAllLines(table).subList(1, Files.readAllLines(table).size())) {
				String[] fields = row.trim().split("\\s+");
				String[] local = fields[1].split(":");
				if (local[1].equals(hexPort) && fields[3].equals("0A")) {
					addresses.add(local[0]);
				}
			}
		}
		return addresses;
	}

	private static void insertUnknownEffect(String effectId) throws SQLException {
		long now = System.currentTimeMillis();
		try (Connection connection = database();
				PreparedStatement insert = connection.prepareStatement("INSERT INTO driftq_effect (effect_id, run_id,"
						+ " step_id, business_key, status, fencing_token, lease_until, attempts, payload_hash,"
						+ " created_at, updated_at) VALUES (?, 'safe-run', 'charge_card', ?, 'UNKNOWN', 1, NULL, 1,"
						+ " 'none', ?, ?)")) {
			insert.setString(1, effectId);
			insert.setString(2, effectId.substring(effectId.lastIndexOf(':') + 1));
			insert.setLong(3, now);
			insert.setLong(4, now);
			insert.executeUpdate();
		}
	}

	private static String effectStatus(String effectId) {
		try (Connection connection = database();
				PreparedStatement query = connection
					.prepareStatement("SELECT status FROM driftq_effect WHERE effect_id = ?")) {
			query.setString(1, effectId);
			try (ResultSet rows = query.executeQuery()) {
				return rows.next() ? rows.getString(1) : null;
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Connection database() throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("busy_timeout", "10000");
		return DriverManager.getConnection("jdbc:sqlite:" + stack.databaseFile(), properties);
	}

}
