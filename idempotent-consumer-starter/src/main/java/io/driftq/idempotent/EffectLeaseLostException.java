package io.driftq.idempotent;

/**
 * The attempt lost its claim (lease expired and another attempt took over) before completing; its completion was rejected.
 */
public class EffectLeaseLostException extends IdempotentEffectException {

	public EffectLeaseLostException(String effectId, String message) {
		super(effectId, message);
	}

}
