package io.driftq.client.exception;

/**
 * The server could not be reached or answered with a server error. The call may succeed later.
 */
public class DriftqUnavailableException extends DriftqException {

	public DriftqUnavailableException(String message, int statusCode, String errorCode, String serverMessage, Throwable cause) {
		super(message, statusCode, errorCode, serverMessage, cause);
	}

	@Override
	public boolean isRetryable() {
		return true;
	}
}
