package io.driftq.idempotent;

import java.time.Duration;

/**
 * Stands in for the idempotent-consumer starter's exception of the same name (the binder has no dependency on the
 * starter and matches deferred exceptions by class name): another delivery holds the effect's claim.
 */
public class EffectInProgressException extends RuntimeException {

	private final Duration retryAfter;

	public EffectInProgressException(String message, Duration retryAfter) {
		super(message);
		this.retryAfter = retryAfter;
	}

	/** The claim's remaining lease. */
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
