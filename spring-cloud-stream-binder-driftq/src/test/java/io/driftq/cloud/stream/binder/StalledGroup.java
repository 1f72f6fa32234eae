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

package io.driftq.cloud.stream.binder;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.driftq.client.ConsumeOptions;
import io.driftq.client.ConsumeSubscription;
import io.driftq.client.DriftqClient;
import io.driftq.client.exception.DriftqOverloadedException;
import io.driftq.client.model.ConsumedMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A consumer group that acked once and then stopped, behind which a one-partition topic
 * was filled until DriftQ answers 429 (DriftQ measures a partition's backlog from the
 * slowest group that has ever acked). {@link #resume()} starts the group again: it acks
 * everything, which makes room.
 */
public final class StalledGroup implements AutoCloseable {

	private static final String GROUP = "stalled";

	private final DriftqClient client;

	private final String topic;

	private final Set<String> valuesSeen = ConcurrentHashMap.newKeySet();

	private volatile ConsumeSubscription resumed;

	private volatile Thread acker;

	private StalledGroup(DriftqClient client, String topic) {
		this.client = client;
		this.topic = topic;
	}

	/**
	 * Create {@code topic} with one partition, have the group ack its first message and
	 * stop, then produce until the partition is full.
	 * @param client a client with {@code overloadRetries(0)}
	 * @param topic a new topic
	 * @return the stopped group
	 */
	public static StalledGroup fill(DriftqClient client, String topic) {
		client.createTopic(topic, 1);
		client.produce(topic, null, "first");
		try (ConsumeSubscription subscription = client.subscribe(ConsumeOptions.builder(topic, GROUP).build())) {
			ConsumedMessage first = subscription.poll(Duration.ofSeconds(20));
			assertThat(first).isNotNull();
			client.ack(first);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		int produced = 0;
		while (true) {
			try {
				client.produce(topic, null, "filler-" + produced++);
			}
			catch (DriftqOverloadedException ex) {
				break;
			}
			assertThat(produced).as("DriftQ should refuse a partition 100 messages ahead").isLessThan(1000);
		}
		return new StalledGroup(client, topic);
	}

	/** Start consuming again, acking every message as it arrives. */
	public void resume() {
		ConsumeSubscription subscription = this.client.subscribe(ConsumeOptions.builder(this.topic, GROUP).build());
		this.resumed = subscription;
		Thread thread = new Thread(() -> {
			while (subscription.isRunning()) {
				try {
					ConsumedMessage message = subscription.poll(Duration.ofMillis(200));
					if (message != null) {
						this.valuesSeen.add(message.value());
						this.client.ack(message);
					}
				}
				catch (InterruptedException ex) {
					return;
				}
				catch (RuntimeException ex) {
					// a failed ack: the message comes back after its lease and is acked
					// then
				}
			}
		}, "stalled-group-acker");
		thread.setDaemon(true);
		thread.start();
		this.acker = thread;
	}

	/** Values the group received since {@link #resume()}. */
	public Set<String> valuesSeen() {
		return this.valuesSeen;
	}

	@Override
	public void close() {
		ConsumeSubscription subscription = this.resumed;
		if (subscription != null) {
			subscription.close();
		}
		Thread thread = this.acker;
		if (thread != null) {
			thread.interrupt();
		}
	}

}
