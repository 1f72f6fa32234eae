package io.driftq.client.exception;

/**
 * The topic does not exist. DriftQ does not keep empty topics across a restart, so callers that own the topic
 * usually create it again and retry.
 */
public class DriftqTopicNotFoundException extends DriftqInvalidArgumentException {

	public DriftqTopicNotFoundException(String message, int statusCode, String errorCode, String serverMessage, Throwable cause) {
		super(message, statusCode, errorCode, serverMessage, cause);
	}

}
