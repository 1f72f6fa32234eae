package io.driftq.idempotent;

/**
 * Base class of the exceptions raised by the effect machinery.
 */
public class IdempotentEffectException extends RuntimeException {

	private final String effectId;

	public IdempotentEffectException(String effectId, String message) {
		super(message);
		this.effectId = effectId;
	}

	public IdempotentEffectException(String effectId, String message, Throwable cause) {
		super(message, cause);
		this.effectId = effectId;
	}

	/**
	 * @return the effect id concerned
	 */
	public String getEffectId() {
		return this.effectId;
	}

}
