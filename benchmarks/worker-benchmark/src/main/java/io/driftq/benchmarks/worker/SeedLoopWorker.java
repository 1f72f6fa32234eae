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

package io.driftq.benchmarks.worker;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import io.driftq.client.ConsumeOptions;
import io.driftq.client.ConsumeSubscription;
import io.driftq.client.DriftqClient;
import io.driftq.client.exception.DriftqException;
import io.driftq.client.model.ConsumedMessage;
import io.driftq.client.model.Envelope;
import io.driftq.client.model.ProduceRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * The baseline when no seed checkout is given: the seed's worker
 * ({@code worker/app/worker.py}) translated call for call, on one thread, one command at
 * a time. Per command: {@code ensure_topic} of the events topic, {@code step.started},
 * the effect's status, its {@code in_progress} row, {@code side_effect.executing}, the
 * create-only ticket, the {@code done} row, {@code side_effect.done},
 * {@code step.completed}, {@code run.completed}, the ack; one consume stream with a 30 s
 * lease. The retry and DLQ branches are not translated: the benchmark's commands never
 * fail, and a failure stops the benchmark instead.
 */
final class SeedLoopWorker extends InProcessWorker {

	private static final String EVENTS_PREFIX = "sidefx.events.";

	private final JsonMapper json = JsonMapper.builder().build();

	private DriftqClient client;

	private SeedLoopStore store;

	private Path ticketsDir;

	private Thread thread;

	@Override
	public String name() {
		return "in-project seed loop (Java, sequential)";
	}

	@Override
	public void start(String driftqUrl, Path workDirectory) {
		this.client = DriftqClient.builder(driftqUrl).build();
		this.store = new SeedLoopStore(workDirectory.resolve("side_effects.sqlite"));
		this.ticketsDir = workDirectory.resolve("artifacts").resolve("tickets");
		this.thread = new Thread(this::loop, "seed-loop");
		this.thread.start();
	}

	private void loop() {
		String owner = System.getenv().getOrDefault("HOSTNAME", "worker");
		try {
			this.store.ensureSchema();
			this.client.createTopic(CommandFeeder.COMMANDS, 1);
			this.client.createTopic("sidefx.dlq", 1);
			ConsumeOptions options = ConsumeOptions.builder(CommandFeeder.COMMANDS, GROUP)
				.owner(owner)
				.lease(Duration.ofSeconds(30))
				.build();
			try (ConsumeSubscription subscription = this.client.subscribe(options)) {
				while (!stopped()) {
					ConsumedMessage msg = subscription.poll(Duration.ofMillis(200));
					if (msg != null) {
						handle(this.json.readValue(msg.value(), Map.class));
						try {
							this.client.ack(msg);
						}
						catch (DriftqException ex) {
							// the seed ignores a failed ack
						}
					}
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Throwable ex) {
			fail(ex);
		}
	}

	@SuppressWarnings("unchecked")
	private void handle(Map<String, Object> cmd) throws SQLException, IOException {
		String runId = String.valueOf(cmd.get("run_id"));
		String eventsTopic = (String) cmd.getOrDefault("events_topic", EVENTS_PREFIX + runId);
		String stepId = (String) cmd.getOrDefault("step_id", "charge_card");
		String businessKey = (String) cmd.getOrDefault("business_key", "missing");
		double amount = ((Number) cmd.getOrDefault("amount", 0)).doubleValue();
		int attempt = ((Number) cmd.getOrDefault("attempt", 0)).intValue();
		this.client.createTopic(eventsTopic, 1);
		emit(eventsTopic, event("step.started", runId, "step_id", stepId, "attempt", attempt),
				"evt:" + runId + ":" + stepId + ":started:a" + attempt);
		String effectId = runId + ":" + stepId + ":" + businessKey;
		String prefix = "evt:" + runId + ":" + stepId + ":";
		if ("done".equals(this.store.status(effectId))) {
			emit(eventsTopic, event("side_effect.skipped", runId, "step_id", stepId, "business_key", businessKey,
					"effect_id", effectId, "reason", "already_done"), prefix + "effect:skipped");
		}
		else if (!this.store.markInProgressIfNew(effectId, runId, stepId, businessKey,
				this.json.writeValueAsString(new TreeMap<>(cmd)))) {
			throw new IllegalStateException("Effect " + effectId + " already in progress: the benchmark's commands"
					+ " are all new, so this should not happen");
		}
		else {
			emit(eventsTopic, event("side_effect.executing", runId, "step_id", stepId, "business_key", businessKey,
					"effect_id", effectId, "amount", amount), prefix + "effect:exec");
			Files.createDirectories(this.ticketsDir);
			Path artifact = this.ticketsDir.resolve("ticket_" + businessKey + ".json");
			Map<String, Object> ticket = event("ignored", runId, "step_id", stepId, "business_key", businessKey,
					"amount", amount, "note", "fake external side effect (ticket/webhook/charge)");
			ticket.remove("type");
			ticket.remove("ts");
			writeCreateOnly(artifact, ticket);
			this.store.markDone(effectId, artifact.toString());
			emit(eventsTopic, event("side_effect.done", runId, "step_id", stepId, "business_key", businessKey,
					"effect_id", effectId, "artifact_path", artifact.toString()), prefix + "effect:done");
		}
		emit(eventsTopic, event("step.completed", runId, "step_id", stepId, "attempt", attempt),
				prefix + "completed:a" + attempt);
		emit(eventsTopic, event("run.completed", runId), "evt:" + runId + ":completed");
	}

	private void writeCreateOnly(Path artifact, Map<String, Object> ticket) throws IOException {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("created_ms", System.currentTimeMillis());
		payload.putAll(ticket);
		try (Writer writer = Files.newBufferedWriter(artifact, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
				StandardOpenOption.WRITE)) {
			writer.write(this.json.writerWithDefaultPrettyPrinter().writeValueAsString(payload));
		}
		catch (FileAlreadyExistsException ex) {
			// create-only, as the seed's open(path, "x")
		}
	}

	private void emit(String topic, Map<String, Object> event, String idempotencyKey) {
		try {
			this.client.produce(new ProduceRequest(topic, null, this.json.writeValueAsString(event),
					Envelope.builder().idempotencyKey(idempotencyKey).build()));
		}
		catch (DriftqException ex) {
			// the seed logs and goes on: events must not fail the step
			System.err.println("[warn] failed to emit event to " + topic + ": " + ex.getMessage());
		}
	}

	private static Map<String, Object> event(String type, String runId, Object... fields) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("ts", System.currentTimeMillis());
		event.put("type", type);
		event.put("run_id", runId);
		for (int i = 0; i < fields.length; i += 2) {
			event.put((String) fields[i], fields[i + 1]);
		}
		return event;
	}

	@Override
	public void close() {
		stop();
		if (this.thread != null) {
			try {
				this.thread.join(10_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		if (this.client != null) {
			this.client.close();
		}
	}

}
