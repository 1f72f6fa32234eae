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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import io.driftq.client.DriftqClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The failure matrix of issue 12 on real processes with the demo's default settings:
 * {@code driftqd}, the API JVM and a supervised worker JVM on a SQLite file. The API's
 * re-drive is off ({@code sidefx.redrive-after=0}) so that no run is rescued by it: each
 * run must finish by the failure model alone. Each test asserts no duplicate effect (one
 * effect row, one charge, one ticket per key), no lost work (every run completed, every
 * poison message dead-lettered with a reason) and health UP once the fault is over.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailureMatrixIT {

	private static final int POISON = 150;

	private static final int GOOD = 20;

	private static DemoStack stack;

	private static DemoApi api;

	private static Outcomes outcomes;

	private static DeadLetterDrain drain;

	@BeforeAll
	static void startStack() {
		stack = DemoStack.onSqlite("matrix").startAll(List.of("--sidefx.redrive-after=0"), 1, List.of());
		stack.supervise();
		api = stack.api();
		outcomes = new Outcomes(stack);
	}

	@AfterAll
	static void stopStack() {
		if (drain != null) {
			drain.close();
		}
		if (stack != null) {
			stack.close();
		}
	}

	/**
	 * Issue 12, observation 2: the command's max_attempts is the budget, not the binder's
	 * in-process attempts.
	 */
	@Test
	@Order(1)
	void threeForcedFailuresOfFiveAllowedCompleteWithoutARedrive() {
		String key = "matrix-3of5-" + UUID.randomUUID();
		String runId = api.startRun(Map.of("business_key", key, "fail_before_effect_n", 3, "max_attempts", 5));

		outcomes.awaitCompleted(Map.of(key, runId), Duration.ofSeconds(60));
		outcomes.assertChargedOnce(List.of(key));
		outcomes.assertHealthy();
	}

	/**
	 * Issue 12, observation 3: 150 dead letters must not wedge the commands partition or
	 * the DLQ.
	 */
	@Test
	@Order(2)
	void aFloodOfPoisonCommandsIsDeadLetteredWhileGoodRunsKeepFlowing() {
		Duration normal = timeToComplete("matrix-baseline-");
		String marker = "poison-" + UUID.randomUUID();
		produceRaw(POISON, (i) -> "not json " + marker + " #" + i);
		Duration withFlood = timeToComplete("matrix-after-flood-");

		assertThat(withFlood).as("20 good runs behind 150 poison commands (normally " + normal + ")")
			.isLessThanOrEqualTo(twice(normal));
		drain = new DeadLetterDrain(stack.driftq().baseUrl());
		assertAllDeadLetteredWithAReason(marker, POISON);
		outcomes.assertHealthy();
	}

	/**
	 * Issue 12, observation 4: a ~60 KB malformed command ends in the DLQ with its reason
	 * (its record cannot hold the whole payload next to the reason, DriftQ's limit is 64
	 * KiB); a 5 MB request never enters DriftQ: the API refuses it with 413 problem
	 * details.
	 */
	@Test
	@Order(3)
	void aLargeMalformedCommandIsDeadLetteredAndAHugeRequestIsRefusedAtTheApi() throws Exception {
		startDrain();
		String marker = "large-" + UUID.randomUUID();
		String large = "not json " + marker + " " + "x".repeat(60_000);
		produceRaw(1, (i) -> large);
		String sha256 = HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(large.getBytes(StandardCharsets.UTF_8)));
		await("the 60 KB command in sidefx.dlq").atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(drain.records()
				.stream()
				.filter((r) -> r.path("payload").asString().startsWith("not json " + marker)
						|| sha256.equals(r.path("payload_sha256").asString())))
				.isNotEmpty()
				.allSatisfy((r) -> assertThat(r.path("error").asString()).isNotBlank()));

		String hugeKey = "matrix-huge-" + UUID.randomUUID();
		String huge = "{\"business_key\":\"" + hugeKey + "\",\"note\":\"" + "y".repeat(5 * 1024 * 1024) + "\"}";
		HttpResponse<String> refused = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(stack.apiProcess().baseUrl() + "/runs"))
				// not expectContinue: the JDK client then fails on Tomcat's early 413 and
				// close (curl gets the 413)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(huge))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(413);
		assertThat(refused.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));

		String key = "matrix-after-large-" + UUID.randomUUID();
		outcomes.awaitCompleted(Map.of(key, api.startRun(Map.of("business_key", key))), Duration.ofSeconds(60));
		outcomes.assertChargedOnce(List.of(key));
		outcomes.assertNothingFor(hugeKey);
		outcomes.assertHealthy();
	}

	/** The flood again, with the broker restarted (same WAL) in the middle of it. */
	@Test
	@Order(4)
	void aBrokerRestartDuringTheFloodLosesNothingAndChargesNothingTwice() {
		startDrain();
		String marker = "poison-restart-" + UUID.randomUUID();
		produceRaw(POISON / 2, (i) -> "not json " + marker + " #" + i);
		stack.driftq().restart();
		produceRaw(POISON / 2, (i) -> "not json " + marker + " #" + (POISON / 2 + i));
		Map<String, String> runs = new LinkedHashMap<>();
		for (int i = 0; i < GOOD; i++) {
			String key = "matrix-restart-" + UUID.randomUUID();
			runs.put(key, api.startRunRetrying(Map.of("business_key", key), Duration.ofSeconds(30)));
		}

		outcomes.awaitCompleted(runs, Duration.ofSeconds(90));
		outcomes.assertChargedOnce(runs.keySet());
		// a poison message in flight at the restart may be dead-lettered twice; none may
		// be missing
		assertAllDeadLetteredWithAReason(marker, POISON);
		await("health UP after the restart").atMost(Duration.ofSeconds(30)).untilAsserted(outcomes::assertHealthy);
	}

	/**
	 * Issue 14: a well-formed command for a run that no POST /runs created (default
	 * settings) is dead-lettered with its reason and charges nothing; it is not
	 * registered as a run.
	 */
	@Test
	@Order(5)
	void aCommandOfAnUnknownRunIsDeadLetteredAndChargesNothing() {
		startDrain();
		String runId = UUID.randomUUID().toString().replace("-", "");
		String key = "matrix-unknown-run-" + runId.substring(0, 8);
		produceRaw(1,
				(i) -> "{\"ts\":1,\"type\":\"run.command\",\"run_id\":\"" + runId + "\",\"step_id\":\"charge_card\","
						+ "\"business_key\":\"" + key + "\",\"amount\":12.5,\"attempt\":1,\"max_attempts\":5,"
						+ "\"fail_before_effect_n\":0,\"fail_mode\":\"none\"}");

		await("the unknown run's command in sidefx.dlq").atMost(Duration.ofSeconds(60))
			.untilAsserted(
					() -> assertThat(drain.records().stream().filter((r) -> runId.equals(r.path("run_id").asString())))
						.singleElement()
						.satisfies((r) -> assertThat(r.path("error").asString()).contains("unknown run_id")));
		outcomes.assertNothingFor(key);
		assertThat(api.get("/runs/" + runId).statusCode()).as("not registered as a run").isEqualTo(404);
		outcomes.assertHealthy();
	}

	private static Duration timeToComplete(String prefix) {
		long start = System.nanoTime();
		Map<String, String> runs = new LinkedHashMap<>();
		for (int i = 0; i < GOOD; i++) {
			String key = prefix + UUID.randomUUID();
			runs.put(key, api.startRun(Map.of("business_key", key)));
		}
		outcomes.awaitCompleted(runs, Duration.ofSeconds(120));
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		outcomes.assertChargedOnce(runs.keySet());
		return took;
	}

	/**
	 * Twice the normal time, at least 10 s (polling and JVM warm-up make very short runs
	 * noisy).
	 */
	private static Duration twice(Duration normal) {
		Duration doubled = normal.multipliedBy(2);
		return (doubled.compareTo(Duration.ofSeconds(10)) < 0) ? Duration.ofSeconds(10) : doubled;
	}

	private static void produceRaw(int count, java.util.function.IntFunction<String> payload) {
		try (DriftqClient client = DriftqClient.builder(stack.driftq().baseUrl()).build()) {
			for (int i = 0; i < count; i++) {
				String value = payload.apply(i);
				await("produce to sidefx.commands").atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
					client.produce("sidefx.commands", null, value);
					return true;
				});
			}
		}
	}

	private static void startDrain() {
		if (drain == null) {
			drain = new DeadLetterDrain(stack.driftq().baseUrl());
		}
	}

	private static void assertAllDeadLetteredWithAReason(String marker, int count) {
		Predicate<JsonNode> ofMarker = (r) -> r.path("payload").asString().contains(marker);
		await(count + " poison commands in sidefx.dlq").atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofSeconds(1))
			.untilAsserted(() -> assertThat(drain.records()
				.stream()
				.filter(ofMarker)
				.map((r) -> r.path("payload").asString())
				.distinct()
				.count()).isEqualTo(count));
		assertThat(drain.records().stream().filter(ofMarker)).allSatisfy((record) -> {
			String error = record.path("error").asString();
			assertThat(error).as("reason of " + record.path("payload").asString()).isNotBlank();
			assertThat(error).as("the real parse error, not a cast of the raw bytes").doesNotContain("ClassCast");
		});
	}

}
