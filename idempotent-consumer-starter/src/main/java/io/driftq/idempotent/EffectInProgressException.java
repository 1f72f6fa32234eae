package io.driftq.idempotent;

/**
 * Another attempt holds a live claim on the effect. Retryable: redeliver later.
 */
public class EffectInProgressException extends IdempotentEffectException {

	public EffectInProgressException(String effectId, String message) {
		super(effectId, message);
	}

}
