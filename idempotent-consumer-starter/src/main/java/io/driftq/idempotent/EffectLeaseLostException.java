package io.driftq.idempotent;

import java.time.Duration;

/**
 * The attempt lost its claim (lease expired and another attempt took over) before completing; its completion was
 * rejected. Not a failure of the message: another attempt owns the effect, so come back at once
 * ({@link #retryAfter()} is zero) and see its outcome.
 */
public class EffectLeaseLostException extends IdempotentEffectException {

	public EffectLeaseLostException(String effectId, String message) {
		super(effectId, message);
	}

	/**
	 * @return {@link Duration#ZERO}: another attempt owns the claim; the next call sees its outcome (or waits for it)
	 */
	public Duration retryAfter() {
		return Duration.ZERO;
	}

}
