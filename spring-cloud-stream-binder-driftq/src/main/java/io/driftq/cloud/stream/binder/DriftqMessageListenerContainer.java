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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.driftq.client.ConsumeOptions;
import io.driftq.client.ConsumeSubscription;
import io.driftq.client.DriftqClient;
import io.driftq.client.SubscriptionListener;
import io.driftq.client.model.ConsumedMessage;
import io.driftq.cloud.stream.binder.metrics.DriftqBinderMetrics;
import io.driftq.cloud.stream.binder.properties.DriftqConsumerProperties;
import io.driftq.cloud.stream.binder.provisioning.DriftqTopicProvisioner;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.messaging.Message;

/**
 * The consume streams and workers of one push consumer binding: {@code concurrency}
 * streams, each with an owner unique to this instance and a worker thread that hands its
 * messages to the {@link Listener} one at a time (so acks follow delivery order per
 * stream). Pausing stops the workers from taking messages.
 * <p>
 * Stopping is graceful: workers take no new message, messages read ahead and not started
 * are nacked so that DriftQ gives them to another consumer at once, and the consume
 * streams stay open (so the leases of the messages being handled stay this owner's) until
 * the work in hand is done or {@code shutdown-timeout} has passed; work still running
 * then is released with a nack and its late settlement is dropped.
 */
final class DriftqMessageListenerContainer {

	/** Handles one delivery; the container settles nothing itself except on shutdown. */
	interface Listener {

		void onMessage(ConsumedMessage consumed, DriftqAcknowledgmentCallback callback) throws InterruptedException;

	}

	/**
	 * Nack reason of a message read ahead and never started because its binding was
	 * stopping.
	 */
	static final String RELEASED = "released unhandled: consumer stopping";

	/**
	 * Nack reason of a message still being handled when its binding's shutdown timeout
	 * passed.
	 */
	static final String SHUTDOWN_TIMEOUT = "released: consumer shutdown timeout passed while it was being handled";

	private static final Log logger = LogFactory.getLog(DriftqMessageListenerContainer.class);

	private static final Duration POLL = Duration.ofMillis(200);

	private final DriftqClient client;

	private final DriftqTopicProvisioner provisioner;

	private final String topic;

	private final String group;

	private final DriftqOwners owners;

	private final ExtendedConsumerProperties<DriftqConsumerProperties> properties;

	private final DriftqConsumerSettlement settlement;

	private final DriftqBinderMetrics metrics;

	private final Listener listener;

	private final List<ConsumeSubscription> subscriptions = new CopyOnWriteArrayList<>();

	private final List<Thread> workers = new ArrayList<>();

	/** Messages handed to the listener and not yet returned from it. */
	private final AtomicInteger inFlight = new AtomicInteger();

	/**
	 * Reconnects of subscriptions closed by earlier stops (so the count never goes down).
	 */
	private final AtomicLong retiredReconnects = new AtomicLong();

	/**
	 * Callbacks of the messages being handled, released if they outlast the shutdown
	 * timeout.
	 */
	private final Set<DriftqAcknowledgmentCallback> handling = ConcurrentHashMap.newKeySet();

	/**
	 * partition@offset of the messages nacked unstarted during the current stop (a copy
	 * that comes back is left).
	 */
	private final Set<String> releasedWhileStopping = ConcurrentHashMap.newKeySet();

	/** partition@offset → when the stream buffered it (the lease runs from then). */
	private final Map<String, Long> arrivals = new ConcurrentHashMap<>();

	private volatile boolean running;

	private volatile boolean paused;

	DriftqMessageListenerContainer(DriftqClient client, DriftqTopicProvisioner provisioner, String topic, String group,
			DriftqOwners owners, ExtendedConsumerProperties<DriftqConsumerProperties> properties,
			DriftqConsumerSettlement settlement, DriftqBinderMetrics metrics, Listener listener) {
		this.client = client;
		this.provisioner = provisioner;
		this.topic = topic;
		this.group = group;
		this.owners = owners;
		this.properties = properties;
		this.settlement = settlement;
		this.metrics = metrics;
		this.listener = listener;
	}

	boolean isRunning() {
		return this.running;
	}

	int inFlight() {
		return this.inFlight.get();
	}

	long reconnects() {
		return this.retiredReconnects.get()
				+ this.subscriptions.stream().mapToLong(ConsumeSubscription::reconnects).sum();
	}

	void pause() {
		this.paused = true;
	}

	void resume() {
		this.paused = false;
	}

	boolean isPaused() {
		return this.paused;
	}

	/**
	 * When the delivery of {@code consumed} reached this instance (nanoTime), for its
	 * lease.
	 */
	long arrivedNanos(ConsumedMessage consumed) {
		Long arrived = this.arrivals.get(consumed.partition() + "@" + consumed.offset());
		return (arrived != null) ? arrived : System.nanoTime();
	}

	void start() {
		this.releasedWhileStopping.clear();
		this.running = true;
		DriftqConsumerProperties ext = this.properties.getExtension();
		int concurrency = Math.max(1, this.properties.getConcurrency());
		for (int i = 0; i < concurrency; i++) {
			ConsumeOptions options = ConsumeOptions.builder(this.topic, this.group)
				.owner(this.owners.owner(i))
				.lease(ext.getLease())
				.bufferSize(Math.max(1, ext.getBufferSize()))
				.createTopicPartitions(this.provisioner.consumerRecreatePartitions(this.properties))
				.build();
			ConsumeSubscription subscription = this.client.subscribe(options, new SubscriptionListener() {

				@Override
				public void onDisconnected(Throwable cause) {
					logger.warn("DriftQ consume stream for " + DriftqMessageListenerContainer.this.topic + "/"
							+ DriftqMessageListenerContainer.this.group + " lost: " + cause);
				}

				@Override
				public void onBuffered(ConsumedMessage message) {
					// tracked from here, not when a worker takes it: while it waits in
					// the buffer, acks of higher
					// offsets handled by other workers must wait for it, and its lease
					// runs
					DriftqMessageListenerContainer.this.arrivals.put(message.partition() + "@" + message.offset(),
							System.nanoTime());
					DriftqMessageListenerContainer.this.settlement.delivered(message);
				}

				@Override
				public void onDropped(ConsumedMessage message) {
					releaseUnstarted(message);
				}

			});
			this.subscriptions.add(subscription);
			Thread worker = new Thread(() -> work(subscription), "driftq-" + this.topic + "-" + this.group + "-" + i);
			// not a daemon: a worker-only application (no web server) must keep running
			// while its bindings consume,
			// as Kafka's listener containers do; stop() ends these threads when the
			// context closes
			worker.setDaemon(false);
			this.workers.add(worker);
			worker.start();
		}
	}

	void stop() {
		// workers take nothing new; the streams stay open meanwhile: an owner without an
		// open stream has its
		// messages' leases cut to DriftQ's 2 s, so they would be redelivered elsewhere
		// while still being handled here
		this.running = false;
		Duration timeout = this.properties.getExtension().getShutdownTimeout();
		long deadline = System.nanoTime() + ((timeout != null) ? timeout : Duration.ofSeconds(30)).toNanos();
		try {
			while (this.workers.stream().anyMatch(Thread::isAlive) && System.nanoTime() < deadline) {
				releaseBuffered();
				for (Thread worker : this.workers) {
					long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
					worker.join(Math.max(1, Math.min(left, POLL.toMillis())));
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		// messages that arrived after the last look are released as the buffers are
		// dropped (onDropped)
		this.subscriptions.forEach(ConsumeSubscription::close);
		if (this.workers.stream().anyMatch(Thread::isAlive)) {
			logger.warn("DriftQ consumer " + this.topic + "/" + this.group + " still handling " + this.handling.size()
					+ " message(s) after the shutdown timeout " + timeout + "; they are nacked (released to other"
					+ " consumers) and their handlers' late settlements are dropped");
			// after the streams are closed, so that DriftQ's immediate redelivery cannot
			// pick this instance
			this.handling.forEach((callback) -> {
				ConsumedMessage consumed = callback.consumed();
				this.releasedWhileStopping.add(consumed.partition() + "@" + consumed.offset());
				if (callback.claim()) {
					this.settlement.release(consumed, SHUTDOWN_TIMEOUT);
				}
			});
		}
		this.settlement.stop(this.topic + "/" + this.group);
		this.retiredReconnects.addAndGet(this.subscriptions.stream().mapToLong(ConsumeSubscription::reconnects).sum());
		this.subscriptions.clear();
		this.workers.clear();
		this.arrivals.clear();
	}

	/**
	 * Stopping: nack what is read ahead and not started, so that DriftQ hands it to
	 * another consumer at once.
	 */
	private void releaseBuffered() {
		for (ConsumeSubscription subscription : this.subscriptions) {
			ConsumedMessage consumed;
			try {
				while ((consumed = subscription.poll(Duration.ZERO)) != null) {
					releaseUnstarted(consumed);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/**
	 * A message this binding will not handle because it is stopping: nacked once, so that
	 * it goes to another consumer at once. A copy that comes back here during the same
	 * stop (DriftQ redelivers round-robin) is left to its lease, so that a lone consumer
	 * does not burn the message's deliveries. Not settled through the sequencer: the acks
	 * of higher offsets stay held behind it.
	 */
	private void releaseUnstarted(ConsumedMessage consumed) {
		this.arrivals.remove(consumed.partition() + "@" + consumed.offset());
		if (this.releasedWhileStopping.add(consumed.partition() + "@" + consumed.offset())) {
			this.metrics.consumerEvent("released", this.topic, this.group);
			this.settlement.release(consumed, RELEASED);
		}
		else {
			this.settlement.dropped(consumed);
		}
	}

	private void work(ConsumeSubscription subscription) {
		while (this.running) {
			try {
				if (this.paused) {
					Thread.sleep(POLL.toMillis());
					continue;
				}
				ConsumedMessage consumed = subscription.poll(POLL);
				if (consumed == null) {
					this.settlement.expire();
					continue;
				}
				while (this.paused && this.running) {
					// paused while this message was arriving: hold it until resumed (or
					// its lease lapses)
					Thread.sleep(POLL.toMillis());
				}
				if (!this.running) {
					// stopping: never started here
					releaseUnstarted(consumed);
					return;
				}
				handle(consumed);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				logger.error("Unexpected failure in DriftQ consumer " + this.topic + "/" + this.group, ex);
			}
		}
	}

	private void handle(ConsumedMessage consumed) throws InterruptedException {
		this.metrics.consumerEvent("received", this.topic, this.group);
		DriftqAcknowledgmentCallback callback = new DriftqAcknowledgmentCallback(consumed, this.settlement, false,
				() -> {
				}, this::failed);
		this.inFlight.incrementAndGet();
		this.handling.add(callback);
		try {
			this.listener.onMessage(consumed, callback);
		}
		finally {
			this.handling.remove(callback);
			this.inFlight.decrementAndGet();
			this.arrivals.remove(consumed.partition() + "@" + consumed.offset());
		}
	}

	/**
	 * A delivery whose handler failed (the binding's error channel): settled by the
	 * failure model.
	 */
	private void failed(DriftqAcknowledgmentCallback callback, Throwable failure, @Nullable Message<?> message,
			int attempts) {
		if (callback.claim()) {
			this.settlement.failed(callback.consumed(), failure, message, attempts, this.running);
		}
	}

}
