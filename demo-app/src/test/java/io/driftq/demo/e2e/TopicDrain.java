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

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.driftq.client.ConsumeOptions;
import io.driftq.client.ConsumeSubscription;
import io.driftq.client.DriftqClient;
import io.driftq.client.exception.DriftqException;
import io.driftq.client.model.ConsumedMessage;

/**
 * Acks every message of a topic as it arrives, until closed: stands in for the workers
 * where a test exercises only the API, so that {@code sidefx.commands} never fills
 * (DriftQ refuses produce once a partition holds 100 messages above its slowest reader,
 * and {@code POST /runs} would then wait for room).
 */
final class TopicDrain implements AutoCloseable {

	private final DriftqClient client;

	private final String topic;

	private final Thread reader;

	private final AtomicLong drained = new AtomicLong();

	private volatile boolean running = true;

	TopicDrain(String driftqUrl, String topic) {
		this.client = DriftqClient.builder(driftqUrl).build();
		this.topic = topic;
		this.reader = new Thread(this::drain, "drain-" + topic);
		this.reader.setDaemon(true);
		this.reader.start();
	}

	private void drain() {
		ConsumeOptions options = ConsumeOptions.builder(this.topic, "test-drain")
			.owner("test-drain")
			.lease(Duration.ofSeconds(30))
			.createTopicPartitions(1)
			.build();
		try (ConsumeSubscription subscription = this.client.subscribe(options)) {
			while (this.running) {
				ConsumedMessage message = subscription.poll(Duration.ofMillis(500));
				if (message == null) {
					continue;
				}
				try {
					this.client.ack(message);
					this.drained.incrementAndGet();
				}
				catch (DriftqException ex) {
					// comes again after its lease and is acked then
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** How many messages were acked so far. */
	long drained() {
		return this.drained.get();
	}

	@Override
	public void close() {
		this.running = false;
		this.reader.interrupt();
		this.client.close();
	}

}
