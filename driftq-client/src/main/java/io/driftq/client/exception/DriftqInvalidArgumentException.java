package io.driftq.client.exception;

/**
 * The server rejected the request as invalid (HTTP 400 {@code INVALID_ARGUMENT}); {@link #getServerMessage()} keeps its
 * reason. Retrying the same request will not help.
 */
public class DriftqInvalidArgumentException extends DriftqException {

	public DriftqInvalidArgumentException(String message, int statusCode, String errorCode, String serverMessage, Throwable cause) {
		super(message, statusCode, errorCode, serverMessage, cause);
	}

}
