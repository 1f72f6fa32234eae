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

package io.driftq.client;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.driftq.client.exception.DriftqException;
import io.driftq.client.exception.DriftqTopicNotFoundException;
import io.driftq.client.model.ConsumedMessage;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A continuous consume over DriftQ's consume streams. A reader thread reopens the stream
 * as soon as it ends (the server restarted, a proxy cut it, or it stayed silent for the
 * client's idle timeout), always with the same owner so that leases stay valid, and
 * reconnects with capped, doubling backoff while the server is unreachable. Messages wait
 * in a bounded buffer; the reader blocks while it is full, so nothing is buffered without
 * limit.
 * <p>
 * Nothing is lost at the seams between streams: a message the server pushed to a stream
 * as it closed is redelivered after its lease lapses (with
 * {@code last_error = ack_timeout}). Messages still in the buffer at {@link #close()} are
 * never handed out and come back the same way.
 */
public final class ConsumeSubscription implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ConsumeSubscription.class);

	private final DriftqClient client;

	private final ConsumeStream stream;

	private final ConsumeOptions options;

	private final SubscriptionListener listener;

	private final BlockingQueue<ConsumedMessage> buffer;

	private final Thread reader;

	private final Object sleepLock = new Object();

	private final AtomicLong reconnects = new AtomicLong();

	private volatile boolean running = true;

	private volatile boolean connected;

	private boolean disconnectedOnce;

	private volatile @Nullable HttpGet current;

	ConsumeSubscription(DriftqClient client, HttpTransport transport, ConsumeOptions options,
			SubscriptionListener listener) {
		this.client = client;
		this.stream = new ConsumeStream(transport, options);
		this.options = options;
		this.listener = listener;
		this.buffer = new ArrayBlockingQueue<>(options.bufferSize());
		this.reader = new Thread(this::readLoop, "driftq-consume-" + options.topic() + "-" + options.group());
		this.reader.setDaemon(true);
	}

	void start() {
		this.reader.start();
	}

	/**
	 * Take the next message, waiting up to {@code timeout}.
	 * @param timeout how long to wait
	 * @return the message, or {@code null} if none arrived in time or the subscription is
	 * closed
	 * @throws InterruptedException if interrupted while waiting
	 */
	public @Nullable ConsumedMessage poll(Duration timeout) throws InterruptedException {
		return this.buffer.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	/**
	 * The options this subscription reads with, including its owner.
	 * @return the options
	 */
	public ConsumeOptions options() {
		return this.options;
	}

	/**
	 * Whether the last attempt to open a stream succeeded.
	 * @return {@code true} while connected
	 */
	public boolean isConnected() {
		return this.connected;
	}

	/**
	 * Whether the reader is still running.
	 * @return {@code false} after {@link #close()}
	 */
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * How many times the subscription reconnected after losing the server.
	 * @return the count
	 */
	public long reconnects() {
		return this.reconnects.get();
	}

	/**
	 * Messages read but not yet taken by {@link #poll(Duration)}.
	 * @return the count
	 */
	public int buffered() {
		return this.buffer.size();
	}

	/**
	 * Stop reading: the open stream is cancelled and the reader thread ends. Messages
	 * still buffered are dropped unacked (each reported to
	 * {@link SubscriptionListener#onDropped}) and are redelivered by the broker after
	 * their lease.
	 */
	@Override
	public void close() {
		if (!this.running) {
			return;
		}
		this.running = false;
		HttpGet request = this.current;
		if (request != null) {
			request.cancel();
		}
		synchronized (this.sleepLock) {
			this.sleepLock.notifyAll();
		}
		this.reader.interrupt();
		try {
			this.reader.join(TimeUnit.SECONDS.toMillis(10));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		java.util.List<ConsumedMessage> left = new java.util.ArrayList<>();
		this.buffer.drainTo(left);
		int dropped = left.size();
		left.forEach(this::dropped);
		if (dropped > 0) {
			logger.debug("Closed subscription to {} with {} unhandled messages; the broker redelivers them after "
					+ "their lease", this.options.topic(), dropped);
		}
	}

	private void readLoop() {
		long backoff = this.options.initialBackoff().toMillis();
		while (this.running) {
			try {
				this.stream.run(this::handOver, (request) -> {
					this.current = request;
					if (!this.running) {
						request.cancel();
					}
				}, this::markConnected);
				backoff = this.options.initialBackoff().toMillis();
			}
			catch (DriftqTopicNotFoundException ex) {
				this.listener.onTopicMissing(this.options.topic());
				if (this.options.createTopicPartitions() > 0 && recreateTopic()) {
					continue;
				}
				backoff = pause(backoff);
			}
			catch (DriftqException ex) {
				if (!this.running) {
					break;
				}
				markDisconnected(ex);
				backoff = pause(backoff);
			}
			catch (RuntimeException ex) {
				// A listener or an unexpected failure must not kill the reader: log and
				// carry on after a pause.
				logger.error("Unexpected failure in DriftQ consume loop of {}", this.options.topic(), ex);
				backoff = pause(backoff);
			}
		}
		this.connected = false;
	}

	private void markConnected() {
		if (this.connected) {
			return;
		}
		this.connected = true;
		if (this.disconnectedOnce) {
			this.reconnects.incrementAndGet();
			logger.info("DriftQ consume of {} (group {}) reconnected", this.options.topic(), this.options.group());
		}
		this.listener.onConnected();
	}

	private void markDisconnected(DriftqException cause) {
		if (this.connected || !this.disconnectedOnce) {
			logger.warn("DriftQ consume of {} (group {}) failed, retrying with backoff: {}", this.options.topic(),
					this.options.group(), cause.getMessage());
		}
		this.disconnectedOnce = true;
		if (this.connected) {
			this.connected = false;
			this.listener.onDisconnected(cause);
		}
	}

	private boolean handOver(ConsumedMessage message) {
		if (!this.running) {
			return false;
		}
		this.listener.onBuffered(message);
		try {
			while (this.running) {
				if (this.buffer.offer(message, 100, TimeUnit.MILLISECONDS)) {
					return true;
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		dropped(message);
		return false;
	}

	private void dropped(ConsumedMessage message) {
		try {
			this.listener.onDropped(message);
		}
		catch (RuntimeException ex) {
			logger.warn("Subscription listener failed on a dropped message of {}", this.options.topic(), ex);
		}
	}

	private boolean recreateTopic() {
		try {
			this.client.createTopic(this.options.topic(), this.options.createTopicPartitions());
			return true;
		}
		catch (DriftqException ex) {
			logger.warn("Could not re-create topic {}: {}", this.options.topic(), ex.getMessage());
			return false;
		}
	}

	private long pause(long backoffMillis) {
		synchronized (this.sleepLock) {
			if (this.running) {
				try {
					this.sleepLock.wait(backoffMillis);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					this.running = false;
				}
			}
		}
		return Math.min(backoffMillis * 2, this.options.maxBackoff().toMillis());
	}

}
