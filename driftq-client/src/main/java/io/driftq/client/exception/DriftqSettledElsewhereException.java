package io.driftq.client.exception;

/**
 * An ack or nack found the message no longer leased to this owner: another owner holds it (409 {@code not owner}), or
 * it is no longer in flight (400 {@code message is not in-flight}: already acked, its lease lapsed and it was
 * redelivered, or it moved to the dead letter topic). The message is being handled elsewhere; do not retry.
 */
public class DriftqSettledElsewhereException extends DriftqException {

	public DriftqSettledElsewhereException(String message, int statusCode, String errorCode, String serverMessage, Throwable cause) {
		super(message, statusCode, errorCode, serverMessage, cause);
	}

}
