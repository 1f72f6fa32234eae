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

package io.driftq.benchmarks.binder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.driftq.client.ConsumeOptions;
import io.driftq.client.ConsumeSubscription;
import io.driftq.client.DriftqClient;
import io.driftq.client.model.ConsumedMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consume side of a raw {@code driftq-client} loop: {@code streams} subscriptions of
 * one group, each with {@code workers} threads that take a message, record it in the
 * current round's {@link Tracker} and ack it at once. Started once; the raw path and the
 * ceiling loop differ only in their numbers.
 */
final class RawConsumers implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(RawConsumers.class);

	private static final Duration POLL = Duration.ofMillis(200);

	private final List<ConsumeSubscription> subscriptions = new ArrayList<>();

	private final List<Thread> workers = new ArrayList<>();

	private final AtomicReference<Throwable> failure = new AtomicReference<>();

	/**
	 * @param client acks with this client (and its connection pool)
	 * @param partitions the topic's partition count, should a stream have to create it
	 * @param readAhead each stream's buffer
	 */
	RawConsumers(DriftqClient client, String topic, int partitions, int streams, int workersPerStream, int readAhead,
			CurrentRound current, String threadPrefix) {
		for (int i = 0; i < streams; i++) {
			ConsumeSubscription subscription = client.subscribe(ConsumeOptions.builder(topic, "workers")
				.owner(topic + "-" + i)
				.lease(Settings.LEASE)
				.bufferSize(readAhead)
				.createTopicPartitions(partitions)
				.build());
			this.subscriptions.add(subscription);
			for (int w = 0; w < workersPerStream; w++) {
				Thread worker = new Thread(() -> work(client, subscription, current),
						threadPrefix + "-worker-" + i + ((workersPerStream > 1) ? "-" + w : ""));
				worker.setDaemon(true);
				this.workers.add(worker);
				worker.start();
			}
		}
	}

	private void work(DriftqClient client, ConsumeSubscription subscription, CurrentRound current) {
		try {
			while (subscription.isRunning()) {
				ConsumedMessage message = subscription.poll(POLL);
				if (message != null) {
					Tracker tracker = current.tracker();
					tracker.received(message.value(), message.attempts());
					client.ack(message);
					tracker.acked();
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			this.failure.compareAndSet(null, ex);
			logger.error("raw consumer failed", ex);
		}
	}

	/** Fails the round if a worker failed. */
	void check() {
		if (this.failure.get() != null) {
			throw new IllegalStateException("raw consumer failed", this.failure.get());
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.subscriptions.forEach(ConsumeSubscription::close);
		for (Thread worker : this.workers) {
			worker.join(5000);
		}
	}

}
