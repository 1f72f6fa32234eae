package io.driftq.client.exception;

/**
 * A message whose key + value reach 65 536 UTF-8 bytes. DriftQ answers such a produce with 429 forever, so the client
 * refuses it before sending and never retries it.
 */
public class DriftqMessageTooLargeException extends DriftqException {

	private final int size;

	public DriftqMessageTooLargeException(String topic, int size, int limit) {
		super("message for topic '" + topic + "' is too large: key + value = " + size
				+ " bytes, DriftQ accepts at most " + limit + " bytes", 0, null, null, null);
		this.size = size;
	}

	/**
	 * Key + value size in UTF-8 bytes.
	 * @return the size
	 */
	public int getSize() {
		return this.size;
	}

}
