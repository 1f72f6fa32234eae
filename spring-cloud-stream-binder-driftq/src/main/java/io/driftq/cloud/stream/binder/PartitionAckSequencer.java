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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Keeps acks in offset order per partition within one consumer instance. DriftQ's
 * committed offset is a high-water mark: acking n+1 before n and then restarting the
 * broker loses n. An ack of an offset whose lower neighbours are still being handled by
 * this instance is held back until they settle. A nack (which does not move the committed
 * offset) runs at once. An offset left unsettled stops holding others back once its lease
 * has lapsed (the broker redelivers it, possibly elsewhere). Offsets are tracked from the
 * moment the consume stream's reader buffers them, not when a worker takes them, so a
 * message waiting in the read-ahead buffer holds back the acks of higher offsets handled
 * meanwhile by other workers.
 * <p>
 * The bookkeeping is under one lock; the ack and nack calls (HTTP round trips) are not.
 * They go through a queue per partition drained by one thread at a time, so a partition's
 * settlements still reach DriftQ in order while other partitions, and the bookkeeping of
 * new deliveries, do not wait for them.
 */
final class PartitionAckSequencer {

	private static final Log logger = LogFactory.getLog(PartitionAckSequencer.class);

	private final LongSupplier clock;

	private final long leaseMillis;

	/**
	 * partition → (offset → copies and lease deadline) of messages this instance received
	 * (from the moment the reader buffered them) and has not settled. A second copy of an
	 * offset (a redelivery while the first still waits) is counted, so settling one copy
	 * does not stop the other from holding back higher acks.
	 */
	private final Map<Integer, TreeMap<Long, Tracked>> inFlight = new HashMap<>();

	/** partition → (offset → held-back ack). */
	private final Map<Integer, TreeMap<Long, Runnable>> held = new HashMap<>();

	/** partition → settlements ready to send, in order. */
	private final Map<Integer, Outbox> outboxes = new ConcurrentHashMap<>();

	PartitionAckSequencer(long leaseMillis, LongSupplier clock) {
		this.leaseMillis = leaseMillis;
		this.clock = clock;
	}

	synchronized void delivered(int partition, long offset) {
		Tracked tracked = this.inFlight.computeIfAbsent(partition, (p) -> new TreeMap<>())
			.computeIfAbsent(offset, (o) -> new Tracked());
		tracked.copies++;
		tracked.deadline = this.clock.getAsLong() + this.leaseMillis;
	}

	/**
	 * Forget everything: the binding stopped. Acks still held back are never sent (their
	 * messages come back after their lease, possibly elsewhere), which risks a duplicate
	 * rather than moving the committed offset past a message that was not handled.
	 * @return how many held-back acks were dropped
	 */
	synchronized int clear() {
		int dropped = heldBack();
		this.inFlight.clear();
		this.held.clear();
		return dropped;
	}

	/**
	 * Settle a message.
	 * @param partition the partition
	 * @param offset the offset
	 * @param settle the ack or nack call
	 * @param ordered {@code true} for an ack (held back behind lower in-flight offsets),
	 * {@code false} for a nack
	 */
	void settle(int partition, long offset, Runnable settle, boolean ordered) {
		synchronized (this) {
			if (ordered) {
				this.held.computeIfAbsent(partition, (p) -> new TreeMap<>()).put(offset, settle);
			}
			else {
				untrack(this.inFlight.computeIfAbsent(partition, (p) -> new TreeMap<>()), offset);
				outbox(partition).queue.add(settle);
			}
			release(partition);
		}
		send(partition);
	}

	/** Drop lapsed offsets and run the acks they were holding back. */
	void expire() {
		List<Integer> partitions;
		synchronized (this) {
			partitions = new ArrayList<>(this.inFlight.keySet());
			for (Integer partition : partitions) {
				release(partition);
			}
		}
		partitions.forEach(this::send);
	}

	synchronized int heldBack() {
		return this.held.values().stream().mapToInt(Map::size).sum();
	}

	private void release(int partition) {
		TreeMap<Long, Tracked> flying = this.inFlight.computeIfAbsent(partition, (p) -> new TreeMap<>());
		TreeMap<Long, Runnable> waiting = this.held.computeIfAbsent(partition, (p) -> new TreeMap<>());
		long now = this.clock.getAsLong();
		while (!flying.isEmpty()) {
			Map.Entry<Long, Tracked> lowest = flying.firstEntry();
			Runnable ack = waiting.remove(lowest.getKey());
			if (ack != null) {
				untrack(flying, lowest.getKey());
				outbox(partition).queue.add(ack);
			}
			else if (lowest.getValue().deadline <= now) {
				flying.pollFirstEntry();
			}
			else {
				break;
			}
		}
		// held acks for offsets no longer tracked (delivered before tracking or already
		// dropped) run in order
		while (!waiting.isEmpty() && (flying.isEmpty() || waiting.firstKey() < flying.firstKey())) {
			outbox(partition).queue.add(waiting.pollFirstEntry().getValue());
		}
	}

	private static void untrack(TreeMap<Long, Tracked> flying, long offset) {
		Tracked tracked = flying.get(offset);
		if (tracked != null && --tracked.copies <= 0) {
			flying.remove(offset);
		}
	}

	private Outbox outbox(int partition) {
		return this.outboxes.computeIfAbsent(partition, (p) -> new Outbox());
	}

	/**
	 * Sends the partition's ready settlements in order. Whoever holds the partition's
	 * send lock sends; a caller that finds it taken leaves its entries to the holder,
	 * which looks again after letting go, so none is stranded.
	 */
	private void send(int partition) {
		Outbox outbox = outbox(partition);
		while (!outbox.queue.isEmpty()) {
			if (!outbox.sending.tryLock()) {
				return;
			}
			try {
				Runnable next;
				while ((next = outbox.queue.poll()) != null) {
					try {
						next.run();
					}
					catch (RuntimeException ex) {
						// settlements handle DriftQ's answers themselves; anything else
						// must not strand the rest
						logger.warn("Settling a DriftQ message failed; it will be redelivered after its lease", ex);
					}
				}
			}
			finally {
				outbox.sending.unlock();
			}
		}
	}

	/** Unsettled copies of one offset and the lease deadline of the latest. */
	private static final class Tracked {

		int copies;

		long deadline;

	}

	/**
	 * One partition's settlements waiting to be sent, and the lock of the thread sending
	 * them.
	 */
	private static final class Outbox {

		final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();

		final ReentrantLock sending = new ReentrantLock();

	}

}
