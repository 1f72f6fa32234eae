package io.driftq.idempotent;

/**
 * The same effect key was used with a different payload.
 */
public class EffectPayloadMismatchException extends IdempotentEffectException {

	public EffectPayloadMismatchException(String effectId, String message) {
		super(effectId, message);
	}

}
