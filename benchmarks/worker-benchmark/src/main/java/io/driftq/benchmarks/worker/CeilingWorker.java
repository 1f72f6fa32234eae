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
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.driftq.client.ConsumeOptions;
import io.driftq.client.ConsumeSubscription;
import io.driftq.client.DriftqClient;
import io.driftq.client.model.ConsumedMessage;
import io.driftq.client.model.Envelope;
import io.driftq.client.model.ProduceRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * DriftQ's ceiling for this workload: the DriftQ calls a seed-compatible worker makes per
 * command (its five run events with their idempotency keys, the ack, the keyed delivery)
 * and as little else as a correct worker can do: a create-only ticket file as the charge,
 * no database, {@code handlers} consume streams at once, a run's events sent one after
 * the other on a shared pool while the handler waits only for {@code side_effect.done}
 * before it acks (the demo worker's contract). What this drains is what the server allows
 * on this machine; a worker near it is limited by DriftQ, not by itself.
 */
final class CeilingWorker extends InProcessWorker {

	private static final String[] EVENTS = { "step.started", "side_effect.executing", "side_effect.done",
			"step.completed", "run.completed" };

	private static final int DONE_EVENT = 2;

	private final int handlers;

	private final JsonMapper json = JsonMapper.builder().build();

	private final List<Thread> threads = new ArrayList<>();

	private DriftqClient client;

	private ExecutorService senders;

	private Path ticketsDir;

	/**
	 * @param handlers how many commands it handles at once (one consume stream each)
	 */
	CeilingWorker(int handlers) {
		this.handlers = handlers;
	}

	@Override
	public String name() {
		return "DriftQ ceiling (raw loop, " + this.handlers + " streams)";
	}

	@Override
	public int concurrency() {
		return this.handlers;
	}

	@Override
	public void start(String driftqUrl, Path workDirectory) {
		this.client = DriftqClient.builder(driftqUrl).build();
		this.senders = Executors.newFixedThreadPool(this.handlers * 2);
		this.ticketsDir = workDirectory.resolve("artifacts").resolve("tickets");
		for (int i = 0; i < this.handlers; i++) {
			String owner = "ceiling-" + i;
			Thread thread = new Thread(() -> loop(owner), owner);
			this.threads.add(thread);
			thread.start();
		}
	}

	private void loop(String owner) {
		ConsumeOptions options = ConsumeOptions.builder(CommandFeeder.COMMANDS, GROUP)
			.owner(owner)
			.lease(Duration.ofSeconds(30))
			.build();
		try (ConsumeSubscription subscription = this.client.subscribe(options)) {
			Files.createDirectories(this.ticketsDir);
			while (!stopped()) {
				ConsumedMessage msg = subscription.poll(Duration.ofMillis(200));
				if (msg != null) {
					handle(msg);
					this.client.ack(msg);
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
	private void handle(ConsumedMessage msg) throws IOException {
		Map<String, Object> cmd = this.json.readValue(msg.value(), Map.class);
		String runId = String.valueOf(cmd.get("run_id"));
		String topic = (String) cmd.get("events_topic");
		String businessKey = (String) cmd.get("business_key");
		try {
			Files.createFile(this.ticketsDir.resolve("ticket_" + businessKey + ".json"));
		}
		catch (FileAlreadyExistsException ex) {
			// create-only: a redelivery charged already
		}
		CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
		CompletableFuture<Void> done = null;
		for (int i = 0; i < EVENTS.length; i++) {
			String body = "{\"ts\":" + System.currentTimeMillis() + ",\"type\":\"" + EVENTS[i] + "\",\"run_id\":\""
					+ runId + "\",\"step_id\":\"charge_card\"}";
			String key = "evt:" + runId + ":charge_card:" + EVENTS[i];
			chain = chain.thenRunAsync(
					() -> this.client
						.produce(new ProduceRequest(topic, null, body, Envelope.builder().idempotencyKey(key).build())),
					this.senders);
			if (i == DONE_EVENT) {
				done = chain;
			}
		}
		chain.exceptionally((ex) -> {
			fail(ex);
			return null;
		});
		done.join();
	}

	@Override
	public void close() {
		stop();
		for (Thread thread : this.threads) {
			try {
				thread.join(10_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		if (this.senders != null) {
			this.senders.shutdownNow();
		}
		if (this.client != null) {
			this.client.close();
		}
	}

}
