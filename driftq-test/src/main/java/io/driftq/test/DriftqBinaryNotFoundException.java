package io.driftq.test;

/**
 * Thrown when no {@code driftqd} executable can be found or installed. The message lists every place that was
 * tried and, when {@code go install} ran, its output.
 *
 * @author DriftQ for Spring
 * @since 0.1.0
 */
public class DriftqBinaryNotFoundException extends RuntimeException {

	/**
	 * Create an exception with the given description.
	 * @param message what was tried and why it failed
	 */
	public DriftqBinaryNotFoundException(String message) {
		super(message);
	}

}
