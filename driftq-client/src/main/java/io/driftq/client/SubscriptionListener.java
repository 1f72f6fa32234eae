package io.driftq.client;

/**
 * Told what happens to a {@link ConsumeSubscription}'s connection. Called on the subscription's reader thread: return
 * quickly.
 */
public interface SubscriptionListener {

	/** A listener that ignores everything. */
	SubscriptionListener NONE = new SubscriptionListener() {
	};

	/** A stream opened after the subscription started or after a failure. Routine reopenings are not reported. */
	default void onConnected() {
	}

	/**
	 * The server could not be reached or failed; the subscription retries with backoff.
	 * @param cause what went wrong
	 */
	default void onDisconnected(Throwable cause) {
	}

	/**
	 * The server does not know the topic (it keeps no empty topic across a restart).
	 * @param topic the topic
	 */
	default void onTopicMissing(String topic) {
	}

}
