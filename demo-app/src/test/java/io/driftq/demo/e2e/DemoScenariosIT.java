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

import io.driftq.client.DriftqClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The seed's two demos and the DLQ paths, end to end on real processes: {@code driftqd},
 * the API JVM and a supervised worker JVM (restarted when it dies, as {@code make up}
 * does), sharing a SQLite file.
 */
class DemoScenariosIT {

	private static DemoStack stack;

	private static DemoApi api;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@BeforeAll
	static void startStack() {
		stack = DemoStack.onSqlite("scenarios").startApi();
		stack.startWorker(DemoStack.FAST_RECOVERY);
		stack.supervise();
		api = stack.api();
	}

	@AfterAll
	static void stopStack() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void retryDemoFailsBeforeTheEffectThenChargesOnce() {
		String key = "order-retry-" + UUID.randomUUID();
		String runId = api.startRun(Map.of("business_key", key, "amount", 42.0, "fail_before_effect_n", 1));

		List<String> types = DemoApi.types(api.eventsUntil(runId, "run.completed", Duration.ofSeconds(90)));

		// The API publishes command.enqueued after the command is sent, so a fast
		// worker's step.started can
		// come before it (the Python starter has the same race): check it apart from the
		// worker's story.
		assertThat(types).startsWith("sse.connected", "run.created").containsOnlyOnce("command.enqueued");
		assertThat(types.stream().filter((type) -> !type.equals("command.enqueued")).toList()).startsWith(
				"sse.connected", "run.created", "step.started", "step.failed", "retry.considered", "retry.scheduled",
				"step.started", "side_effect.executing", "side_effect.done", "step.completed", "run.completed");
		assertExactlyOneDoneEffectAndOneArtifact(key);
		assertThat(api.runStatus(runId)).isEqualTo("completed");
	}

	@Test
	void crashAfterTheEffectBeforeTheAckDoesNotRepeatTheEffect() throws Exception {
		String key = "order-crash-" + UUID.randomUUID();
		DemoProcess worker = stack.workers().get(0);
		int startsBefore = worker.starts();
		String runId = api.startRun(Map.of("business_key", key, "fail_mode", "crash_after_effect_before_ack"));

		List<String> types = DemoApi.types(api.eventsUntil(runId, "run.completed", Duration.ofSeconds(120)));

		assertThat(types).containsSubsequence("side_effect.executing", "side_effect.done", "chaos.crash_now",
				"step.started", "side_effect.skipped", "step.completed", "run.completed");
		assertThat(types).containsOnlyOnce("side_effect.executing", "side_effect.done");
		assertThat(worker.starts()).as("the worker JVM halted and was restarted").isGreaterThan(startsBefore);
		assertExactlyOneDoneEffectAndOneArtifact(key);
	}

	@Test
	void runThatUsesUpItsAttemptsGoesToTheDlqWithoutAnEffect() {
		String key = "order-dlq-" + UUID.randomUUID();
		String runId = api.startRun(Map.of("business_key", key, "fail_before_effect_n", 5, "max_attempts", 2));

		List<String> types = DemoApi.types(api.eventsUntil(runId, "run.dlq", Duration.ofSeconds(90)));

		assertThat(types).doesNotContain("side_effect.executing", "run.completed");
		assertThat(api.runStatus(runId)).isEqualTo("dlq");
		assertThat(effectsOf(key)).isEmpty();
		JsonNode record = dlqRecordOf(runId);
		assertThat(record.get("type").asString()).isEqualTo("sidefx.dlq");
		assertThat(record.get("business_key").asString()).isEqualTo(key);
		assertThat(record.get("attempt").asInt()).isEqualTo(1);
		assertThat(record.get("error").asString()).contains("forced failure");
		assertThat(record.get("command").get("run_id").asString()).isEqualTo(runId);
	}

	@Test
	void malformedCommandLandsInTheDlqWithItsReasonAndCommandsKeepFlowing() {
		String garbage = "not json " + UUID.randomUUID();
		try (DriftqClient client = DriftqClient.builder(stack.driftq().baseUrl()).build()) {
			client.produce("sidefx.commands", null, garbage);
		}
		await("the malformed command in sidefx.dlq").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			JsonNode items = api.getJson("/debug/dlq?limit=100").get("items");
			assertThat(items.valueStream().filter((i) -> garbage.equals(i.path("payload").asString())).toList())
				.singleElement()
				.satisfies((record) -> assertThat(record.get("error").asString()).isNotBlank());
		});

		String key = "order-after-garbage-" + UUID.randomUUID();
		String runId = api.startRun(Map.of("business_key", key));
		api.eventsUntil(runId, "run.completed", Duration.ofSeconds(60));
		assertExactlyOneDoneEffectAndOneArtifact(key);
	}

	/**
	 * Issue 14: a client retrying POST /runs at once, many times over, makes one run and
	 * one charge.
	 */
	@Test
	void concurrentDuplicateRequestsWithOneIdempotencyKeyMakeOneRunAndOneCharge() throws Exception {
		String key = "order-idem-" + UUID.randomUUID();
		String idempotencyKey = UUID.randomUUID().toString();
		String body = "{\"business_key\": \"" + key + "\", \"amount\": 7.5}";
		HttpClient http = HttpClient.newHttpClient();
		List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> answers = new java.util.ArrayList<>();
		for (int i = 0; i < 8; i++) {
			answers.add(http.sendAsync(HttpRequest.newBuilder(URI.create(stack.apiProcess().baseUrl() + "/runs"))
				.header("Content-Type", "application/json")
				.header("Idempotency-Key", idempotencyKey)
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString()));
		}
		java.util.Set<String> runIds = new java.util.HashSet<>();
		for (var answer : answers) {
			HttpResponse<String> response = answer.get();
			assertThat(response.statusCode()).as(response.body()).isIn(200, 409);
			if (response.statusCode() == 200) {
				runIds.add(JSON.readTree(response.body()).get("run_id").asString());
			}
		}
		assertThat(runIds).as("run ids answered").hasSize(1);
		HttpResponse<String> retried = http
			.send(HttpRequest.newBuilder(URI.create(stack.apiProcess().baseUrl() + "/runs"))
				.header("Content-Type", "application/json")
				.header("Idempotency-Key", idempotencyKey)
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(retried.statusCode()).isEqualTo(200);
		assertThat(retried.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		assertThat(JSON.readTree(retried.body()).get("run_id").asString()).isEqualTo(runIds.iterator().next());

		api.eventsUntil(runIds.iterator().next(), "run.completed", Duration.ofSeconds(60));
		assertExactlyOneDoneEffectAndOneArtifact(key);
		assertThat(DemoStack.files(stack.chargesDir())
			.stream()
			.filter((name) -> readJson(stack.chargesDir().resolve(name)).get("business_key").asString().equals(key)))
			.as("charges of " + key)
			.hasSize(1);
	}

	private static JsonNode readJson(java.nio.file.Path file) {
		try {
			return JSON.readTree(java.nio.file.Files.readString(file));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static JsonNode dlqRecordOf(String runId) {
		JsonNode[] found = new JsonNode[1];
		await("DLQ record of " + runId).atMost(Duration.ofSeconds(30)).until(() -> {
			for (JsonNode item : api.getJson("/debug/dlq?limit=100").get("items")) {
				if (runId.equals(item.path("run_id").asString())) {
					found[0] = item;
					return true;
				}
			}
			return false;
		});
		return found[0];
	}

	static List<JsonNode> effectsOf(String key) {
		return api.getJson("/debug/side-effects?limit=1000")
			.get("items")
			.valueStream()
			.filter((i) -> key.equals(i.get("business_key").asString()))
			.toList();
	}

	private static void assertExactlyOneDoneEffectAndOneArtifact(String key) {
		await("effect of " + key + " done").atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(effectsOf(key)).singleElement()
				.satisfies((e) -> assertThat(e.get("status").asString()).isEqualTo("done")));
		String ticket = io.driftq.demo.worker.TicketFiles.fileName(key);
		assertThat(DemoStack.files(stack.ticketsDir()).stream().filter(ticket::equals)).hasSize(1);
		assertThat(api.getJson("/debug/artifacts")
			.get("items")
			.valueStream()
			.filter((i) -> ticket.equals(i.get("name").asString()))).hasSize(1);
	}

}
