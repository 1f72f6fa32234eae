package io.driftq.client.exception;

import java.time.Duration;

/**
 * The server refused a produce because the target partition is full (HTTP 429 {@code RESOURCE_EXHAUSTED}), and the
 * client's bounded retries honouring {@code Retry-After} ran out. A partition is full when 100 messages or 64 KiB sit
 * above the committed offset of the slowest group that has acked on the topic.
 */
public class DriftqOverloadedException extends DriftqException {

	private final Duration retryAfter;

	private final int attempts;

	public DriftqOverloadedException(String message, String serverMessage, Duration retryAfter, int attempts) {
		super(message, 429, "RESOURCE_EXHAUSTED", serverMessage, null);
		this.retryAfter = retryAfter;
		this.attempts = attempts;
	}

	/**
	 * The server's last {@code Retry-After}.
	 * @return the delay it asked for
	 */
	public Duration getRetryAfter() {
		return this.retryAfter;
	}

	/**
	 * How many times the produce was sent.
	 * @return the attempts
	 */
	public int getAttempts() {
		return this.attempts;
	}

	@Override
	public boolean isRetryable() {
		return true;
	}

}
