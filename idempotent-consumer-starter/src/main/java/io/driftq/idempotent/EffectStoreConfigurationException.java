package io.driftq.idempotent;

/**
 * The effect store is misconfigured: the application cannot start safely. The message's first line names the
 * property (or dependency) and the fix; Spring Boot's failure analysis prints it as the description and
 * {@link #getAction()} as the action.
 */
public class EffectStoreConfigurationException extends IllegalStateException {

	private final String action;

	/**
	 * @param message what is wrong, first line naming the property and the fix
	 * @param action what to do
	 */
	public EffectStoreConfigurationException(String message, String action) {
		super(message);
		this.action = action;
	}

	/**
	 * @return what to do about it
	 */
	public String getAction() {
		return this.action;
	}

}
