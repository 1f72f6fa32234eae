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

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.driftq.client.DriftqClient;
import io.driftq.client.model.Envelope;
import io.driftq.client.model.ProduceRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Produces the phase's commands to {@code sidefx.commands} in the seed's wire format, as
 * either API would: the run's events topic first, then the command (key = business key,
 * idempotency key {@code cmd:<run>:charge_card:<key>:a0}). DriftQ refuses a produce once
 * a partition is 100 messages ahead of the group (429), so the commands cannot all be
 * loaded up front: the feeder keeps the backlog (produced, not yet acked) at
 * {@code backlog} and tops it up as the worker acks. The run events the APIs publish
 * around the command ({@code run.created}, {@code command.enqueued}) are left out: no
 * worker reads them.
 */
final class CommandFeeder implements Runnable {

	static final String COMMANDS = "sidefx.commands";

	private final DriftqClient client;

	private final JsonMapper json = JsonMapper.builder().build();

	private final String tag;

	private final int total;

	private final int backlog;

	private final LongSupplier acked;

	private final AtomicInteger next = new AtomicInteger();

	private final AtomicLong produced = new AtomicLong();

	private volatile RuntimeException failure;

	/**
	 * @param client the client to produce with
	 * @param tag a prefix for the business keys (one per phase)
	 * @param total how many commands to produce
	 * @param backlog how many commands to keep produced and not yet acked
	 * @param acked how many commands the worker has acked so far
	 */
	CommandFeeder(DriftqClient client, String tag, int total, int backlog, LongSupplier acked) {
		this.client = client;
		this.tag = tag;
		this.total = total;
		this.backlog = backlog;
		this.acked = acked;
	}

	/**
	 * Feeds until all commands are produced; several threads may run it at once (as an
	 * API's request threads would), so the feeder does not set the pace of a fast worker.
	 */
	@Override
	public void run() {
		try {
			for (int i = this.next.getAndIncrement(); i < this.total; i = this.next.getAndIncrement()) {
				while (this.produced.get() - this.acked.getAsLong() >= this.backlog) {
					Thread.sleep(2);
				}
				produce(i);
				this.produced.incrementAndGet();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			this.failure = ex;
		}
	}

	private void produce(int i) {
		String runId = UUID.randomUUID().toString().replace("-", "");
		String eventsTopic = "sidefx.events." + runId;
		String businessKey = this.tag + "-" + i;
		// field for field the seed API's command (api/app/main.py), in its order
		Map<String, Object> cmd = new LinkedHashMap<>();
		cmd.put("ts", System.currentTimeMillis());
		cmd.put("type", "run.command");
		cmd.put("run_id", runId);
		cmd.put("events_topic", eventsTopic);
		cmd.put("step_id", "charge_card");
		cmd.put("business_key", businessKey);
		cmd.put("amount", 49.99);
		cmd.put("attempt", 0);
		cmd.put("max_attempts", 5);
		cmd.put("fail_before_effect_n", 0);
		cmd.put("fail_mode", "none");
		this.client.createTopic(eventsTopic, 1);
		this.client.produce(new ProduceRequest(COMMANDS, businessKey, this.json.writeValueAsString(cmd),
				Envelope.builder().idempotencyKey("cmd:" + runId + ":charge_card:" + businessKey + ":a0").build()));
	}

	/** Commands produced so far. */
	long produced() {
		return this.produced.get();
	}

	/** Why feeding stopped early, or {@code null}. */
	RuntimeException failure() {
		return this.failure;
	}

}
