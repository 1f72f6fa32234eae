package io.driftq.idempotent;

/**
 * Receives effect events (claimed, executed, replayed, in_progress, lease_taken_over,
 * lease_lost, unknown).
 */
@FunctionalInterface
public interface EffectMetrics {

	/** Ignores every event. */
	EffectMetrics NONE = (event, step) -> {
	};

	/**
	 * Records one event.
	 * @param event the event name
	 * @param step the step id
	 */
	void record(String event, String step);

}
