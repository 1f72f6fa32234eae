package io.driftq.idempotent;

/**
 * The effect failed terminally earlier; the stored error is replayed.
 */
public class EffectFailedException extends IdempotentEffectException {

	public EffectFailedException(String effectId, String message) {
		super(effectId, message);
	}

}
