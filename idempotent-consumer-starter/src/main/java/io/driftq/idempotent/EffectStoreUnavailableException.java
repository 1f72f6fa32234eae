package io.driftq.idempotent;

import java.time.Duration;

/**
 * The effect store could not be reached while claiming the effect (no connection within the pool's connection
 * timeout, connection refused or broken): <strong>the effect did not run</strong>. Not a failure of the message: call
 * again after {@link #retryAfter()}. The DriftQ binder defers such a delivery without spending its retry budget.
 */
public class EffectStoreUnavailableException extends IdempotentEffectException {

	/** How long a caller waits before trying again. */
	public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	public EffectStoreUnavailableException(String effectId, String message, Throwable cause) {
		super(effectId, message, cause);
	}

	/**
	 * @return how long to wait before trying again (5 seconds)
	 */
	public Duration retryAfter() {
		return RETRY_AFTER;
	}

}
