package io.driftq.idempotent;

/**
 * The effect may or may not have happened; it is parked as UNKNOWN until resolved.
 */
public class EffectOutcomeUnknownException extends IdempotentEffectException {

	public EffectOutcomeUnknownException(String effectId, String message) {
		super(effectId, message);
	}

}
