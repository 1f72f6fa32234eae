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

package io.driftq.cloud.stream.binder;

import java.util.concurrent.atomic.AtomicBoolean;

import io.driftq.client.model.ConsumedMessage;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.acks.AcknowledgmentCallback;

/**
 * The acknowledgment callback of one delivery, push or polled: ACCEPT acks (in offset
 * order per partition), REQUEUE nacks (DriftQ redelivers it and counts the delivery),
 * REJECT dead-letters it at once and acks (a nack if the dead letter cannot be written).
 * It settles once: later calls, and the binder's own settlement of a delivery the
 * application already settled, are ignored. Answers that the message was settled
 * elsewhere (lease lost) are logged, never thrown.
 */
final class DriftqAcknowledgmentCallback implements AcknowledgmentCallback {

	private final ConsumedMessage consumed;

	private final DriftqConsumerSettlement settlement;

	private final Runnable onSettled;

	private final FailureHandler failureHandler;

	private final AtomicBoolean acknowledged = new AtomicBoolean();

	private volatile boolean autoAck;

	/**
	 * @param consumed the delivery
	 * @param settlement its binding's settlement
	 * @param autoAck whether the framework settles it after the handler (polled consumers
	 * until {@code noAutoAck()})
	 * @param onSettled run once when it is settled (in-flight bookkeeping)
	 * @param failureHandler settles the delivery when its handler failed (the binder's
	 * error channel handler calls {@link #failed}): the push container or the polled
	 * source
	 */
	DriftqAcknowledgmentCallback(ConsumedMessage consumed, DriftqConsumerSettlement settlement, boolean autoAck,
			Runnable onSettled, FailureHandler failureHandler) {
		this.failureHandler = failureHandler;
		this.consumed = consumed;
		this.settlement = settlement;
		this.autoAck = autoAck;
		this.onSettled = onSettled;
	}

	/**
	 * The handler of this delivery failed after the in-process attempts (the binding's
	 * error channel).
	 */
	void failed(Throwable failure, org.springframework.messaging.@Nullable Message<?> message, int inProcessAttempts) {
		this.failureHandler.failed(this, failure, message, inProcessAttempts);
	}

	ConsumedMessage consumed() {
		return this.consumed;
	}

	@Override
	public void acknowledge(Status status) {
		if (!claim()) {
			return;
		}
		switch (status) {
			case ACCEPT -> this.settlement.ack(this.consumed);
			case REQUEUE -> this.settlement.nack(this.consumed, DriftqConsumerSettlement.REQUEUED);
			case REJECT -> this.settlement.reject(this.consumed);
			default -> throw new IllegalArgumentException("Unknown acknowledgment status " + status);
		}
	}

	/**
	 * Take over the settlement of this delivery (the binder settles it itself: a failure,
	 * a deferral, a release).
	 * @return {@code false} if it was settled already
	 */
	boolean claim() {
		if (!this.acknowledged.compareAndSet(false, true)) {
			return false;
		}
		this.onSettled.run();
		return true;
	}

	@Override
	public boolean isAcknowledged() {
		return this.acknowledged.get();
	}

	@Override
	public void noAutoAck() {
		this.autoAck = false;
	}

	@Override
	public boolean isAutoAck() {
		return this.autoAck;
	}

	/** Settles a delivery whose handler failed. */
	interface FailureHandler {

		void failed(DriftqAcknowledgmentCallback callback, Throwable failure,
				org.springframework.messaging.@Nullable Message<?> message, int inProcessAttempts);

	}

	@Override
	public String toString() {
		return "DriftqAcknowledgmentCallback[" + this.consumed + "]";
	}

}
