package io.driftq.cloud.stream.binder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Keeps acks in offset order per partition within one consumer instance. DriftQ's committed offset is a high-water
 * mark: acking n+1 before n and then restarting the broker loses n. An ack of an offset whose lower neighbours are
 * still being handled by this instance is held back until they settle. A nack (which does not move the committed
 * offset) runs at once. An offset left unsettled stops holding others back once its lease has lapsed (the broker
 * redelivers it, possibly elsewhere).
 */
final class PartitionAckSequencer {

	private final LongSupplier clock;

	private final long leaseMillis;

	/** partition → (offset → lease deadline) of messages handed to this instance and not yet settled. */
	private final Map<Integer, TreeMap<Long, Long>> inFlight = new HashMap<>();

	/** partition → (offset → held-back ack). */
	private final Map<Integer, TreeMap<Long, Runnable>> held = new HashMap<>();

	PartitionAckSequencer(long leaseMillis, LongSupplier clock) {
		this.leaseMillis = leaseMillis;
		this.clock = clock;
	}

	synchronized void delivered(int partition, long offset) {
		this.inFlight.computeIfAbsent(partition, (p) -> new TreeMap<>())
			.put(offset, this.clock.getAsLong() + this.leaseMillis);
	}

	/**
	 * Settle a message.
	 * @param partition the partition
	 * @param offset the offset
	 * @param settle the ack or nack call
	 * @param ordered {@code true} for an ack (held back behind lower in-flight offsets), {@code false} for a nack
	 */
	synchronized void settle(int partition, long offset, Runnable settle, boolean ordered) {
		if (ordered) {
			this.held.computeIfAbsent(partition, (p) -> new TreeMap<>()).put(offset, settle);
		}
		else {
			this.inFlight.computeIfAbsent(partition, (p) -> new TreeMap<>()).remove(offset);
			settle.run();
		}
		release(partition);
	}

	/** Drop lapsed offsets and run the acks they were holding back. */
	synchronized void expire() {
		for (Integer partition : new ArrayList<>(this.inFlight.keySet())) {
			release(partition);
		}
	}

	synchronized int heldBack() {
		return this.held.values().stream().mapToInt(Map::size).sum();
	}

	private void release(int partition) {
		TreeMap<Long, Long> flying = this.inFlight.computeIfAbsent(partition, (p) -> new TreeMap<>());
		TreeMap<Long, Runnable> waiting = this.held.computeIfAbsent(partition, (p) -> new TreeMap<>());
		long now = this.clock.getAsLong();
		List<Long> lapsed = new ArrayList<>();
		while (!flying.isEmpty()) {
			Map.Entry<Long, Long> lowest = flying.firstEntry();
			Runnable ack = waiting.remove(lowest.getKey());
			if (ack != null) {
				flying.pollFirstEntry();
				ack.run();
			}
			else if (lowest.getValue() <= now) {
				lapsed.add(flying.pollFirstEntry().getKey());
			}
			else {
				break;
			}
		}
		// held acks for offsets no longer tracked (delivered before tracking or already dropped) run in order
		while (!waiting.isEmpty() && (flying.isEmpty() || waiting.firstKey() < flying.firstKey())) {
			waiting.pollFirstEntry().getValue().run();
		}
	}

}
