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

import java.time.Duration;
import java.util.UUID;

import io.driftq.client.ConsumeOptions;
import io.driftq.client.ConsumeSubscription;
import io.driftq.client.DriftqClient;
import io.driftq.client.exception.DriftqException;
import io.driftq.client.model.ConsumedMessage;
import io.driftq.demo.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Profile;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Reads {@code sidefx.dlq} for the DLQ view while the API runs, with one fixed group,
 * {@value #GROUP}: each record is stored ({@link DeadLetterStore}) and then acked. DriftQ
 * has no read by offset, and a group that never acks is dealt only 2 messages
 * (docs/driftq-behaviour.md, fact 3), so a view that pages must ack; a group that acks
 * everything as it arrives is never far behind, so it does not shrink the DLQ's room
 * (fact 12) while the API runs. A record that cannot be stored is not acked and comes
 * back after its lease.
 */
@Component
@Profile("!worker")
@ConditionalOnBooleanProperty("sidefx.demo-views.enabled")
class DeadLetterMirror implements SmartLifecycle {

	static final String GROUP = "sidefx-dlq-view";

	private static final Logger logger = LoggerFactory.getLogger(DeadLetterMirror.class);

	private final DriftqClient client;

	private final DeadLetterStore store;

	private volatile Thread reader;

	private volatile boolean running;

	DeadLetterMirror(DriftqClient client, DeadLetterStore store) {
		this.client = client;
		this.store = store;
	}

	@Override
	public void start() {
		this.running = true;
		Thread thread = new Thread(this::read, "sidefx-dlq-view");
		thread.setDaemon(true);
		this.reader = thread;
		thread.start();
	}

	private void read() {
		ConsumeOptions options = ConsumeOptions.builder(Topics.DLQ, GROUP)
			.owner(GROUP + "-" + UUID.randomUUID().toString().substring(0, 8))
			.lease(Duration.ofSeconds(30))
			.createTopicPartitions(1)
			.build();
		try (ConsumeSubscription subscription = this.client.subscribe(options)) {
			while (this.running) {
				ConsumedMessage message = subscription.poll(Duration.ofMillis(500));
				if (message != null) {
					keep(message);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void keep(ConsumedMessage message) {
		try {
			this.store.add(message);
			this.client.ack(message);
		}
		catch (DataAccessException | DriftqException ex) {
			// not acked: DriftQ deals it again after the lease; a stored one is kept once
			logger.debug("Dead letter at offset {} not kept yet: {}", message.offset(), ex.getMessage());
		}
	}

	@Override
	public void stop() {
		this.running = false;
		Thread thread = this.reader;
		if (thread != null) {
			thread.interrupt();
			try {
				thread.join(5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
