package io.driftq.client.exception;

/**
 * A produce with the same idempotency key is being written concurrently (400 {@code idempotency: key already
 * in-flight}). Retry: the retry is answered as a duplicate once the first write commits.
 */
public class DriftqIdempotencyKeyInFlightException extends DriftqException {

	public DriftqIdempotencyKeyInFlightException(String message, int statusCode, String errorCode, String serverMessage, Throwable cause) {
		super(message, statusCode, errorCode, serverMessage, cause);
	}

	@Override
	public boolean isRetryable() {
		return true;
	}
}
