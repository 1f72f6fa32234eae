package io.driftq.client.model;

/**
 * Broker-side retry policy carried in a message's envelope.
 * <p>
 * DriftQ delivers a message at most {@code maxAttempts} times; the next nack or lease expiry moves it to the
 * {@code dlq.<topic>} topic. Without a policy (or with {@code maxAttempts = 0}) redelivery never stops. The backoff
 * only spaces redeliveries caused by lease expiry: a nack is redelivered at once.
 *
 * @param maxAttempts deliveries before the message is dead-lettered ({@code 0} = unlimited)
 * @param backoffMs base backoff between lease-expiry redeliveries, in milliseconds
 * @param maxBackoffMs cap of the exponential backoff, in milliseconds
 */
public record RetryPolicy(int maxAttempts, long backoffMs, long maxBackoffMs) {

	public RetryPolicy {
		if (maxAttempts < 0 || backoffMs < 0 || maxBackoffMs < 0) {
			throw new IllegalArgumentException("retry policy values must not be negative: " + maxAttempts + "/"
					+ backoffMs + "/" + maxBackoffMs);
		}
	}

	/**
	 * A policy with the given attempts and no backoff.
	 * @param maxAttempts deliveries before the message is dead-lettered
	 * @return the policy
	 */
	public static RetryPolicy maxAttempts(int maxAttempts) {
		return new RetryPolicy(maxAttempts, 0, 0);
	}

}
