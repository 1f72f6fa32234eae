package io.driftq.demo.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.driftq.client.DriftqClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The seed's two demos and the DLQ paths, end to end on real processes: {@code driftqd}, the API JVM and a
 * supervised worker JVM (restarted when it dies, as {@code make up} does), sharing a SQLite file.
 */
class DemoScenariosIT {

	private static DemoStack stack;

	private static DemoApi api;

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

		// The API publishes command.enqueued after the command is sent, so a fast worker's step.started can
		// come before it (the Python starter has the same race): check it apart from the worker's story.
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
		String ticket = "ticket_" + key + ".json";
		assertThat(DemoStack.files(stack.ticketsDir()).stream().filter(ticket::equals)).hasSize(1);
		assertThat(api.getJson("/debug/artifacts").get("items").valueStream()
			.filter((i) -> ticket.equals(i.get("name").asString()))).hasSize(1);
	}

}
