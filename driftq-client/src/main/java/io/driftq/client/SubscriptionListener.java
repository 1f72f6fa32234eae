/*
 * Copyright 2026 the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.driftq.client;

import io.driftq.client.model.ConsumedMessage;

/**
 * Told what happens to a {@link ConsumeSubscription}'s connection. Called on the
 * subscription's reader thread: return quickly.
 */
public interface SubscriptionListener {

	/** A listener that ignores everything. */
	SubscriptionListener NONE = new SubscriptionListener() {
	};

	/**
	 * A stream opened after the subscription started or after a failure. Routine
	 * reopenings are not reported.
	 */
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

	/**
	 * A message was read and is about to go into the buffer (the reader may then wait for
	 * room). Lets a caller account for a message from the moment it is its own, before
	 * {@link ConsumeSubscription#poll} hands it out.
	 * @param message the message
	 */
	default void onBuffered(ConsumedMessage message) {
	}

	/**
	 * A message reported by {@link #onBuffered} will never be handed out: the
	 * subscription was closed while it waited in the buffer. The broker redelivers it
	 * after its lease.
	 * @param message the message
	 */
	default void onDropped(ConsumedMessage message) {
	}

}
