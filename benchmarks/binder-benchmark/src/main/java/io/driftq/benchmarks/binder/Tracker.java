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

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One round of one path: builds the payloads, keeps the producer at most {@code window}
 * messages ahead of the consumer, records each message's latency (produce start →
 * consumer received) and the time of the last ack.
 */
final class Tracker {

	/** Pads the JSON to about 100 bytes. */
	private static final String PAD = "x".repeat(68);

	/** Time origin of the embedded send times, so that they are never negative. */
	private static final long ORIGIN = System.nanoTime();

	private final int messages;

	private final Semaphore window;

	private final long[] latencies;

	private final AtomicIntegerArray seen;

	/** The next message to produce, shared by the round's producer threads. */
	private final AtomicInteger next = new AtomicInteger();

	private final AtomicInteger received = new AtomicInteger();

	private final AtomicInteger acked = new AtomicInteger();

	private final AtomicLong redeliveries = new AtomicLong();

	private final CountDownLatch done = new CountDownLatch(1);

	private final AtomicLong firstProduceNanos = new AtomicLong();

	private volatile long lastAckNanos;

	Tracker(int messages, int window) {
		this.messages = messages;
		this.window = new Semaphore(window);
		this.latencies = new long[messages];
		this.seen = new AtomicIntegerArray(messages);
	}

	/**
	 * Produce messages on the calling thread, each once a window slot is free, until all
	 * are produced: several producer threads calling this share the round's messages.
	 * @param keyPrefix makes the keys unique to the round (DriftQ skips a key a group
	 * already acked)
	 * @param sender sends one keyed message
	 */
	void produce(String keyPrefix, Sender sender) throws Exception {
		for (int i = this.next.getAndIncrement(); i < this.messages; i = this.next.getAndIncrement()) {
			if (!this.window.tryAcquire(60, TimeUnit.SECONDS)) {
				throw new IllegalStateException(
						"no message received for 60 s after " + this.received.get() + " of " + this.messages);
			}
			long sent = System.nanoTime() - ORIGIN;
			// the round starts with the first produce of any producer thread
			this.firstProduceNanos.compareAndSet(0, sent + ORIGIN);
			sender.send(keyPrefix + i, "{\"id\":" + i + ",\"sent\":" + sent + ",\"pad\":\"" + PAD + "\"}");
		}
	}

	/**
	 * A message reached the consumer (raw poller or binder handler).
	 * @param value the payload as produced
	 * @param attempts the broker's delivery count
	 */
	void received(String value, int attempts) {
		long now = System.nanoTime() - ORIGIN;
		int id = (int) number(value, "\"id\":");
		if (attempts > 1 || !this.seen.compareAndSet(id, 0, 1)) {
			this.redeliveries.incrementAndGet();
			return;
		}
		this.latencies[id] = now - number(value, "\"sent\":");
		this.received.incrementAndGet();
		this.window.release();
	}

	/** A message was acked (after {@link #received}). */
	void acked() {
		if (this.acked.incrementAndGet() >= this.messages && this.received.get() >= this.messages) {
			this.lastAckNanos = System.nanoTime();
			this.done.countDown();
		}
	}

	Stats.Round await(long timeoutSeconds, long overloadRetries, java.util.function.Supplier<CpuMeter.Sample> cpu)
			throws InterruptedException {
		if (!this.done.await(timeoutSeconds, TimeUnit.SECONDS)) {
			throw new IllegalStateException("round not done after " + timeoutSeconds + " s: " + this.received.get()
					+ " received, " + this.acked.get() + " acked of " + this.messages);
		}
		return new Stats.Round(this.messages, this.lastAckNanos - this.firstProduceNanos.get(), this.latencies.clone(),
				overloadRetries, this.redeliveries.get(), cpu.get());
	}

	/** Messages sent per test: 100 bytes or so. */
	static int payloadBytes() {
		return ("{\"id\":1999,\"sent\":" + (System.nanoTime() - ORIGIN) + ",\"pad\":\"" + PAD + "\"}").length();
	}

	private static long number(String json, String field) {
		int start = json.indexOf(field) + field.length();
		long value = 0;
		for (int i = start; i < json.length(); i++) {
			char c = json.charAt(i);
			if (c < '0' || c > '9') {
				break;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

	@FunctionalInterface
	interface Sender {

		void send(String key, String value) throws Exception;

	}

}
