package io.driftq.client;

import java.time.Duration;

/**
 * Told when a time-bounded produce ({@link DriftqClient#produce(io.driftq.client.model.ProduceRequest, Duration,
 * BackPressureListener)}) waits for room in a full partition. Called on the producing thread.
 */
public interface BackPressureListener {

	/** A listener that ignores everything. */
	BackPressureListener NONE = new BackPressureListener() {
	};

	/**
	 * The partition is full (DriftQ answered 429): the produce waits for room. Called once per produce, at its first
	 * 429.
	 * @param topic the topic
	 */
	default void blocked(String topic) {
	}

	/**
	 * A produce that was {@link #blocked} stopped waiting: it went through, or it gave up (and
	 * {@link io.driftq.client.exception.DriftqOverloadedException} follows).
	 * @param topic the topic
	 * @param waited how long it waited since the first 429
	 */
	default void unblocked(String topic, Duration waited) {
	}

}
