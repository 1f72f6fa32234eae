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
import java.util.HashMap;
import java.util.Map;

import io.driftq.client.ConsumeOptions;
import io.driftq.client.ConsumeSubscription;
import io.driftq.client.DriftqClient;
import io.driftq.client.model.ConsumedMessage;
import io.driftq.cloud.stream.binder.provisioning.DriftqTopicProvisioner;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Keeps the binder's dead letter topics drained so that they never wedge: DriftQ refuses
 * a produce once a partition holds 100 messages (or 64 KiB) above the slowest group that
 * has acked, and nobody acks a dead letter topic, so without this the 101st dead letter
 * would be refused and its message would loop. One consume stream per dead letter topic,
 * in group {@value #GROUP}, acks every record as it arrives. The records stay in DriftQ's
 * WAL: a new group reads them from the earliest offset. Started by the first binding that
 * writes to a topic, stopped with the last.
 */
final class DeadLetterRetainer {

	/** The group whose acks keep dead letter topics drained. */
	static final String GROUP = "driftq-binder-dlq-retainer";

	private static final Log logger = LogFactory.getLog(DeadLetterRetainer.class);

	private final DriftqClient client;

	private final DriftqTopicProvisioner provisioner;

	private final String owner;

	/** Guarded by {@code this}. */
	private final Map<String, Retained> retained = new HashMap<>();

	DeadLetterRetainer(DriftqClient client, DriftqTopicProvisioner provisioner, String owner) {
		this.client = client;
		this.provisioner = provisioner;
		this.owner = owner;
	}

	/**
	 * A binding that writes dead letters to {@code topic} started: keep it drained
	 * (created if need be).
	 */
	synchronized void retain(String topic, int partitions) {
		Retained current = this.retained.get(topic);
		if (current != null) {
			current.users++;
			return;
		}
		ConsumeSubscription subscription;
		try {
			this.provisioner.ensureTopic(topic, partitions);
			subscription = this.client
				.subscribe(ConsumeOptions.builder(topic, GROUP).owner(this.owner + "-" + topic).bufferSize(16).build());
		}
		catch (RuntimeException ex) {
			// the binding still starts; its dead letters are written when they come and
			// the next start tries again
			logger.warn("Could not start draining dead letter topic " + topic + " (group " + GROUP + "): "
					+ ex.getMessage());
			return;
		}
		Thread drainer = new Thread(() -> drain(topic, subscription), "driftq-dlq-retainer-" + topic);
		drainer.setDaemon(true);
		this.retained.put(topic, new Retained(subscription, drainer));
		drainer.start();
	}

	/**
	 * A binding that wrote to {@code topic} stopped: the stream closes with the last one.
	 */
	void release(String topic) {
		Retained done;
		synchronized (this) {
			done = this.retained.get(topic);
			if (done == null || --done.users > 0) {
				return;
			}
			this.retained.remove(topic);
		}
		done.subscription.close();
		done.drainer.interrupt();
	}

	/** Topics drained now. */
	synchronized java.util.Set<String> topics() {
		return java.util.Set.copyOf(this.retained.keySet());
	}

	private void drain(String topic, ConsumeSubscription subscription) {
		while (!Thread.currentThread().isInterrupted()) {
			try {
				ConsumedMessage record = subscription.poll(Duration.ofMillis(500));
				if (record != null) {
					this.client.ack(record);
				}
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (RuntimeException ex) {
				// an ack refused or lost: the record comes back after its lease and is
				// acked then
				logger.debug("Dead letter retainer of " + topic + ": " + ex.getMessage());
			}
		}
	}

	private static final class Retained {

		final ConsumeSubscription subscription;

		final Thread drainer;

		int users = 1;

		Retained(ConsumeSubscription subscription, Thread drainer) {
			this.subscription = subscription;
			this.drainer = drainer;
		}

	}

}
