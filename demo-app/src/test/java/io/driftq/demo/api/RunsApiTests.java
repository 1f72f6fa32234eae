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

package io.driftq.demo.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import io.driftq.client.DriftqClient;
import io.driftq.client.model.Envelope;
import io.driftq.client.model.ProduceRequest;
import io.driftq.test.DriftqServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The runs API in one JVM (API and worker together, no profile) against a real
 * {@code driftqd}: problem details naming the bad field, 404s, health, docs and page, a
 * command in the Python starter's exact shape, and DriftQ going away (502 and nothing
 * half-written). Crash mode is never used here: it halts the JVM (see the e2e tests).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunsApiTests {

	private static final DemoTestStack STACK = DemoTestStack.start("runs-api");

	private static final DriftqServer DRIFTQ = STACK.driftq();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	@DynamicPropertySource
	static void demoProperties(DynamicPropertyRegistry registry) {
		STACK.register(registry);
		// commands of the Python API, which has its own run table (the default
		// dead-letters unknown runs:
		// FailureMatrixIT)
		registry.add("sidefx.worker.unknown-runs", () -> "register");
	}

	@AfterAll
	static void stopDriftq() {
		DRIFTQ.close();
	}

	@Test
	void missingBusinessKeyIsABadRequestNamingTheField() throws Exception {
		HttpResponse<String> response = post("/runs", "{\"amount\": 10}");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = JSON.readTree(response.body());
		assertThat(problem.get("errors").has("business_key")).isTrue();
		assertThat(problem.get("detail").asString()).startsWith("business_key ");
	}

	@Test
	void unknownFailModeAndNegativeCountsAreBadRequestsNamingEachField() throws Exception {
		HttpResponse<String> response = post("/runs",
				"{\"business_key\": \"o-1\", \"fail_mode\": \"explode\", \"fail_before_effect_n\": -1, \"max_attempts\": 0}");

		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode errors = JSON.readTree(response.body()).get("errors");
		assertThat(errors.propertyNames()).containsExactlyInAnyOrder("fail_mode", "fail_before_effect_n",
				"max_attempts");
		assertThat(errors.get("fail_mode").asString()).contains("crash_after_effect_before_ack");
	}

	@Test
	void malformedJsonIsABadRequest() throws Exception {
		HttpResponse<String> response = post("/runs", "{\"business_key\": ");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(response.body()).get("status").asInt()).isEqualTo(400);
	}

	@Test
	void clientInputThatCannotBeChargedIsABadRequestNeverA500() throws Exception {
		List<String> bodies = List.of("{\"business_key\": \"a\\u0000b\"}",
				"{\"business_key\": \"o-1\", \"amount\": \"Infinity\"}",
				"{\"business_key\": \"o-1\", \"amount\": 1e309}", "{\"business_key\": \"o-1\", \"amount\": 1.001}",
				"{\"business_key\": \"o-1\", \"amount\": 1000000.01}",
				"{\"business_key\": \"o-1\", \"max_attempts\": 1.5}",
				"{\"business_key\": \"o-1\", \"max_attempts\": \"5\"}", "{\"business_key\": 123}",
				"{\"business_key\": \"o-1\"} trailing");
		for (String body : bodies) {
			HttpResponse<String> response = post("/runs", body);
			assertThat(response.statusCode()).as(body + " -> " + response.body()).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).as(body).hasValue("application/problem+json");
		}
	}

	@Test
	void unsupportedContentTypesAre415AndAnOversizedBodyIs413() throws Exception {
		for (String type : List.of("multipart/form-data", "text/plain", "application/x-www-form-urlencoded")) {
			HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri("/runs"))
				.header("Content-Type", type)
				.POST(HttpRequest.BodyPublishers.ofString("business_key=o-1"))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(type + " -> " + response.body()).isEqualTo(415);
		}
		HttpResponse<String> health = this.http.send(
				HttpRequest.newBuilder(uri("/healthz")).header("Content-Type", "multipart/form-data").build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(health.statusCode()).isEqualTo(200);

		HttpResponse<String> large = post("/runs", "{\"business_key\": \"" + "k".repeat(20_000) + "\"}");
		assertThat(large.statusCode()).isEqualTo(413);
		assertThat(large.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(JSON.readTree(large.body()).get("detail").asString()).contains("sidefx.max-request-bytes");
	}

	@Test
	void theSameIdempotencyKeyAndBodyReplaysTheRunAndAnotherBodyIs422() throws Exception {
		String idempotencyKey = "idem-" + UUID.randomUUID();
		String body = "{\"business_key\": \"idem-" + UUID.randomUUID() + "\", \"amount\": 12.5}";
		HttpResponse<String> first = postWithKey(idempotencyKey, body);
		HttpResponse<String> second = postWithKey(idempotencyKey, body);
		HttpResponse<String> other = postWithKey(idempotencyKey, "{\"business_key\": \"something-else\"}");
		HttpResponse<String> badKey = postWithKey("", body);

		assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
		assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
		assertThat(second.statusCode()).isEqualTo(200);
		assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		assertThat(JSON.readTree(second.body())).isEqualTo(JSON.readTree(first.body()));
		assertThat(other.statusCode()).as(other.body()).isEqualTo(422);
		assertThat(other.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(badKey.statusCode()).isEqualTo(400);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM sidefx_run WHERE business_key = ?", Integer.class,
				JSON.readTree(body).get("business_key").asString()))
			.isEqualTo(1);
	}

	@Test
	void unknownRunIsNotFound() throws Exception {
		assertThat(get("/runs/nope").statusCode()).isEqualTo(404);
		assertThat(get("/runs/nope/events").statusCode()).isEqualTo(404);
	}

	@Test
	void healthReportsTheDriftqServer() throws Exception {
		HttpResponse<String> response = get("/healthz");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode health = JSON.readTree(response.body());
		assertThat(health.get("ok").asBoolean()).isTrue();
		assertThat(health.get("driftq").get("status").asString()).isEqualTo("ok");
		assertThat(health.get("driftq").get("version").asString()).isEqualTo(DRIFTQ.version());
	}

	@Test
	void interactiveDocsOpenApiAndThePageAreServed() throws Exception {
		HttpResponse<String> docs = get("/docs");
		assertThat(docs.statusCode()).isEqualTo(200);
		assertThat(docs.body()).containsIgnoringCase("swagger");
		JsonNode openApi = JSON.readTree(get("/openapi.json").body());
		assertThat(openApi.get("paths").propertyNames()).contains("/runs", "/runs/{runId}", "/runs/{runId}/events",
				"/healthz", "/debug/side-effects", "/debug/artifacts", "/debug/dlq");
		assertThat(get("/").body()).contains("id=\"run-form\"");
	}

	@Test
	void commandInThePythonStartersExactShapeIsHandledAndItsRunRegistered() throws Exception {
		String runId = UUID.randomUUID().toString().replace("-", "");
		String key = "py-" + runId.substring(0, 8);
		// what the Python API's POST /runs produces (api/app/main.py), key order and all
		String command = "{\"ts\": 1700000000000, \"type\": \"run.command\", \"run_id\": \"" + runId
				+ "\", \"events_topic\": \"sidefx.events." + runId + "\", \"step_id\": \"charge_card\","
				+ " \"business_key\": \"" + key + "\", \"amount\": 42.0, \"attempt\": 2, \"max_attempts\": 5,"
				+ " \"fail_before_effect_n\": 0, \"fail_mode\": \"none\"}";
		try (DriftqClient client = DriftqClient.builder(DRIFTQ.baseUrl()).build()) {
			client.createTopic("sidefx.commands", 1);
			// the Python API makes the run's events topic before it sends the command;
			// the worker never creates it
			client.createTopic("sidefx.events." + runId, 1);
			client.produce(new ProduceRequest("sidefx.commands", null, command,
					Envelope.builder().idempotencyKey("cmd:" + runId + ":charge_card:" + key + ":a2").build()));
		}

		await("run registered and completed").atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(JSON.readTree(get("/runs/" + runId).body()).path("status").asString())
				.isEqualTo("completed"));
		JsonNode run = JSON.readTree(get("/runs/" + runId).body());
		assertThat(run.get("effects")).singleElement().satisfies((effect) -> {
			assertThat(effect.get("effect_id").asString()).isEqualTo(runId + ":charge_card:" + key);
			assertThat(effect.get("status").asString()).isEqualTo("done");
		});
		// the Python worker's retries are new messages carrying their attempt: numbering
		// continues from it
		String events = readStreamUntil("/runs/" + runId + "/events", "run.completed");
		// (then the end of the event, or its extra fields such as trace_id)
		assertThat(events).containsPattern(
				"\"type\":\"step.started\",\"run_id\":\"" + runId + "\",\"step_id\":\"charge_card\",\"attempt\":2[,}]");
	}

	@Test
	@Order(Integer.MAX_VALUE)
	void withDriftqDownANewRunIsRefusedWith502AndNothingIsKept() throws Exception {
		Integer runsBefore = this.jdbc.queryForObject("SELECT COUNT(*) FROM sidefx_run", Integer.class);
		DRIFTQ.stop();
		try {
			HttpResponse<String> response = post("/runs", "{\"business_key\": \"while-down\"}");

			assertThat(response.statusCode()).isEqualTo(502);
			JsonNode problem = JSON.readTree(response.body());
			assertThat(problem.get("title").asString()).isEqualTo("DriftQ unavailable");
			assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM sidefx_run", Integer.class))
				.isEqualTo(runsBefore);
			HttpResponse<String> health = get("/healthz");
			assertThat(health.statusCode()).isEqualTo(503);
			assertThat(JSON.readTree(health.body()).get("ok").asBoolean()).isFalse();
		}
		finally {
			DRIFTQ.restart();
		}
		await("healthy again").atMost(Duration.ofSeconds(30)).until(() -> get("/healthz").statusCode() == 200);
	}

	private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> postWithKey(String idempotencyKey, String body)
			throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(uri("/runs"))
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", idempotencyKey)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Reads an event stream until an event of the given type has arrived; returns what
	 * was read.
	 */
	private String readStreamUntil(String path, String lastType) throws IOException, InterruptedException {
		StringBuilder body = new StringBuilder();
		HttpResponse<Stream<String>> response = this.http.send(
				HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).build(),
				HttpResponse.BodyHandlers.ofLines());
		try (Stream<String> lines = response.body()) {
			Iterator<String> iterator = lines.iterator();
			while (iterator.hasNext()) {
				String line = iterator.next();
				body.append(line).append('\n');
				if (line.contains("\"type\":\"" + lastType + "\"")) {
					break;
				}
			}
		}
		return body.toString();
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
