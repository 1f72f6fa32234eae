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
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.driftq.test.DriftqServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API's contract as the OpenAPI document states it, one rule at a time (each found by
 * schemathesis, see {@code OpenApiConformanceIT}): the document lists every status with
 * problem details, the event stream as {@code text/event-stream}, anchored patterns and
 * typed parameters; and the API enforces what it says.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@ExtendWith(OutputCaptureExtension.class)
class ApiContractTests {

	private static final DemoTestStack STACK = DemoTestStack.start("api-contract");

	private static final DriftqServer DRIFTQ = STACK.driftq();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	@DynamicPropertySource
	static void demoProperties(DynamicPropertyRegistry registry) {
		STACK.register(registry);
	}

	@AfterAll
	static void stopDriftq() {
		DRIFTQ.close();
	}

	@Test
	void everyOperationListsTheStatusesItCanAnswerWithProblemDetails() throws Exception {
		JsonNode paths = JSON.readTree(get("/openapi.json").body()).get("paths");
		List<String> operations = new ArrayList<>();
		for (Map.Entry<String, JsonNode> path : paths.properties()) {
			for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
				operations.add(operation.getKey() + " " + path.getKey());
				JsonNode responses = operation.getValue().get("responses");
				for (String status : List.of("400", "406", "413", "500")) {
					assertThat(responses.path(status)
						.path("content")
						.path("application/problem+json")
						.path("schema")
						.path("$ref")
						.asString()).as(operation.getKey() + " " + path.getKey() + " " + status)
						.isEqualTo("#/components/schemas/ProblemDetail");
				}
				responses.properties()
					.forEach((response) -> assertThat(response.getValue().path("content").has("*/*"))
						.as("%s %s %s", operation.getKey(), path.getKey(), response.getKey())
						.isFalse());
			}
		}
		assertThat(operations).contains("post /runs", "get /runs/{runId}", "get /runs/{runId}/events", "get /healthz");
		JsonNode create = paths.get("/runs").get("post").get("responses");
		assertThat(create.propertyNames()).contains("200", "409", "415", "422", "502", "503");
		assertThat(create.get("200").get("headers").has("Idempotent-Replayed")).isTrue();
		assertThat(create.get("503").get("headers").has("Retry-After")).isTrue();
		assertThat(paths.get("/runs/{runId}").get("get").get("responses").has("404")).isTrue();
		JsonNode events = paths.get("/runs/{runId}/events").get("get").get("responses").get("200").get("content");
		assertThat(events.propertyNames()).containsExactly("text/event-stream");
		JsonNode limit = paths.get("/debug/side-effects").get("get").get("parameters").get(0);
		assertThat(limit.get("schema").get("type").asString()).isEqualTo("integer");
		assertThat(limit.get("schema").get("minimum").asInt()).isEqualTo(1);
		assertThat(limit.get("schema").get("maximum").asInt()).isEqualTo(1000);
		assertThat(limit.get("allowEmptyValue").asBoolean()).isTrue();
	}

	@Test
	void theRequestSchemaStatesTheConstraintsTheApiEnforces() throws Exception {
		JsonNode schema = JSON.readTree(get("/openapi.json").body()).get("components").get("schemas").get("RunRequest");
		JsonNode key = schema.get("properties").get("business_key");
		assertThat(schema.get("required").valueStream().map(JsonNode::asString)).containsExactly("business_key");
		assertThat(key.get("minLength").asInt()).isEqualTo(1);
		assertThat(key.get("maxLength").asInt()).isEqualTo(200);
		assertThat(key.get("pattern").asString()).isEqualTo(RunRequest.KEY_PATTERN).startsWith("^").endsWith("$");
		assertThat(schema.get("properties").get("fail_mode").get("pattern").asString()).startsWith("^").endsWith("$");
		assertThat(schema.get("properties").get("max_attempts").get("type").toString()).contains("integer")
			.doesNotContain("number");
		assertThat(schema.get("properties").get("amount").get("multipleOf").asDouble()).isEqualTo(0.01);
		assertThat(schema.get("properties").get("amount").get("default").isNumber()).isTrue();
	}

	@Test
	void aBusinessKeyIsCountedInCodePointsAndRefusesEveryControlCharacter() throws Exception {
		// 150 emoji: 150 characters as JSON Schema counts them, 300 UTF-16 units
		assertThat(post("{\"business_key\": \"" + "\\ud83d\\ude00".repeat(150) + "\"}").statusCode()).isEqualTo(200);
		assertThat(post("{\"business_key\": \"" + "\\ud83d\\ude00".repeat(201) + "\"}").statusCode()).isEqualTo(400);
		// C1 controls (NEL) are control characters too; a lone surrogate is no Unicode
		// text; spaces alone are blank
		for (String key : List.of("a\\u0085b", "a\\u009fb", "a\\ud800b", "a\\udc00", "   ")) {
			HttpResponse<String> response = post("{\"business_key\": \"" + key + "\"}");
			assertThat(response.statusCode()).as(key + " -> " + response.body()).isEqualTo(400);
			assertThat(JSON.readTree(response.body()).get("errors").has("business_key")).as(key).isTrue();
		}
		assertThat(post("{\"business_key\": \"  leading spaces are fine\"}").statusCode()).isEqualTo(200);
	}

	@Test
	void aCountIsAnyJsonIntegerAndNullTakesTheDefault() throws Exception {
		HttpResponse<String> whole = post("{\"business_key\": \"count-1\", \"max_attempts\": 7.0, \"amount\": null,"
				+ " \"fail_before_effect_n\": 2e0, \"fail_mode\": null}");
		assertThat(whole.statusCode()).as(whole.body()).isEqualTo(200);
		String runId = JSON.readTree(whole.body()).get("run_id").asString();
		JsonNode command = JSON
			.readTree(this.jdbc.queryForObject("SELECT command FROM sidefx_run WHERE run_id = ?", String.class, runId));
		assertThat(command.get("max_attempts").asInt()).isEqualTo(7);
		assertThat(command.get("fail_before_effect_n").asInt()).isEqualTo(2);
		assertThat(command.get("amount").asDouble()).isEqualTo(49.99);
		assertThat(command.get("fail_mode").asString()).isEqualTo("none");
		for (String count : List.of("1.5", "7.000001", "1e10", "\"5\"", "true")) {
			HttpResponse<String> response = post("{\"business_key\": \"count-2\", \"max_attempts\": " + count + "}");
			assertThat(response.statusCode()).as(count + " -> " + response.body()).isEqualTo(400);
			assertThat(JSON.readTree(response.body()).get("errors").has("max_attempts")).as(count).isTrue();
		}
	}

	@Test
	void aQueryStringTheServerCannotReadIsA400ProblemNotAnError(CapturedOutput output) throws Exception {
		for (String query : List.of("?=x", "?limit=%FF", "?limit=5&=true")) {
			HttpResponse<String> response = get("/debug/side-effects" + query);
			assertThat(response.statusCode()).as(query).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).as(query).hasValue("application/problem+json");
		}
		// the client's fault: no ERROR with a stack trace in the log
		assertThat(output.getOut()).doesNotContain("InvalidParameterException");
	}

	@Test
	void aRunIdThatCannotExistIsNotFound() throws Exception {
		for (String id : List.of("a".repeat(65), "a%7Fb", "a%C2%85b")) {
			HttpResponse<String> response = get("/runs/" + id);
			assertThat(response.statusCode()).as(id).isEqualTo(404);
			assertThat(response.headers().firstValue("Content-Type")).as(id).hasValue("application/problem+json");
			assertThat(get("/runs/" + id + "/events").statusCode()).as(id).isEqualTo(404);
		}
	}

	/**
	 * Found by schemathesis once Spring Security was in front: its firewall answered 400
	 * for both.
	 */
	@Test
	void anUndeclaredMethodIs405AndAnEncodedPercentInARunIdIsAnUnknownRun() throws Exception {
		HttpResponse<String> query = this.http.send(
				HttpRequest.newBuilder(uri("/runs/0")).method("QUERY", HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(query.statusCode()).as(query.body()).isEqualTo(405);
		HttpResponse<String> percent = get("/runs/0%25b/events");
		assertThat(percent.statusCode()).as(percent.body()).isEqualTo(404);
	}

	/**
	 * Found by schemathesis in CI: {@code GET /runs/0%3B.../events} was schema-valid but
	 * the firewall refused the encoded semicolon with a 400. Every id the document admits
	 * must reach the API (an unknown run is a 404).
	 */
	@Test
	void everyRunIdTheDocumentAdmitsReachesTheApi() throws Exception {
		JsonNode paths = JSON.readTree(get("/openapi.json").body()).get("paths");
		List<Pattern> documented = new ArrayList<>();
		for (String path : List.of("/runs/{runId}", "/runs/{runId}/events")) {
			documented.add(Pattern.compile(paths.get(path)
				.get("get")
				.get("parameters")
				.valueStream()
				.filter((parameter) -> "runId".equals(parameter.get("name").asString()))
				.findFirst()
				.orElseThrow()
				.get("schema")
				.get("pattern")
				.asString()));
		}
		List<String> admitted = new ArrayList<>();
		for (String id : List.of("0;x", "a/b", "a\\b", ".", "..", "a:b", "a b", "a%b", "\u00e9", "0", "run-1_A.b")) {
			if (documented.stream().allMatch((pattern) -> pattern.matcher(id).find())) {
				admitted.add(id);
				String encoded = URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
				for (String path : List.of("/runs/" + encoded, "/runs/" + encoded + "/events")) {
					HttpResponse<String> response = get(path);
					assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(404);
				}
			}
		}
		assertThat(admitted).contains("0", "run-1_A.b");
	}

	private HttpResponse<String> post(String body) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(uri("/runs"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
