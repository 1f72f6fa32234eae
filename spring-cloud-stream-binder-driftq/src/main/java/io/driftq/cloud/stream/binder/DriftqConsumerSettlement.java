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

import io.driftq.client.DriftqClient;
import io.driftq.client.model.ConsumedMessage;
import io.driftq.cloud.stream.binder.health.DriftqBindingStates;
import io.driftq.cloud.stream.binder.metrics.DriftqBinderMetrics;
import io.driftq.cloud.stream.binder.properties.DriftqConsumerProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.cloud.stream.binder.RequeueCurrentMessageException;
import org.springframework.messaging.Message;

/**
 * How a delivery of one consumer binding (push or polled) leaves it: acks in offset order
 * per partition ({@link PartitionAckSequencer}), nacks at once or after the back-off
 * delay ({@link DelayedNacks}), dead letters ({@link DriftqDeadLetterPublisher}) and
 * re-published deferrals ({@link DeferredRepublisher}); and what happens to a delivery
 * whose handler failed after the in-process attempts (see {@link #failed}).
 */
final class DriftqConsumerSettlement {

	private static final Log logger = LogFactory.getLog(DriftqConsumerSettlement.class);

	/** Nack reason / dead letter error of a message the application rejected. */
	static final String REJECTED = "rejected by the application";

	/** Nack reason of a message the application requeued. */
	static final String REQUEUED = "requeued";

	private final ExtendedConsumerProperties<DriftqConsumerProperties> properties;

	private final DriftqSettler settler;

	private final PartitionAckSequencer sequencer;

	private final DelayedNacks delayedNacks;

	private final DriftqDeadLetterPublisher deadLetters;

	private final DeferredRepublisher republisher;

	private final DriftqRetryPolicy retryPolicy;

	private final DriftqBindingStates.ConsumerState state;

	DriftqConsumerSettlement(DriftqClient client, ExtendedConsumerProperties<DriftqConsumerProperties> properties,
			String topic, String group, DriftqBinderMetrics metrics, DriftqBindingStates.ConsumerState state,
			DriftqDeadLetterPublisher deadLetters, DriftqRetryPolicy retryPolicy) {
		this.properties = properties;
		this.state = state;
		this.settler = new DriftqSettler(client, metrics, topic, group, state);
		this.sequencer = new PartitionAckSequencer(properties.getExtension().getLease().toMillis(),
				System::currentTimeMillis);
		this.delayedNacks = new DelayedNacks("driftq-nack-" + topic + "-" + group);
		this.deadLetters = deadLetters;
		this.republisher = new DeferredRepublisher(client, metrics);
		this.retryPolicy = retryPolicy;
	}

	DriftqDeadLetterPublisher deadLetters() {
		return this.deadLetters;
	}

	/**
	 * The consume stream buffered a message: tracked (acks of higher offsets wait for it)
	 * and counted.
	 */
	void delivered(ConsumedMessage consumed) {
		this.state.received();
		this.sequencer.delivered(consumed.partition(), consumed.offset());
	}

	void ack(ConsumedMessage consumed) {
		this.sequencer.settle(consumed.partition(), consumed.offset(), () -> this.settler.ack(consumed), true);
	}

	void nack(ConsumedMessage consumed, String reason) {
		this.sequencer.settle(consumed.partition(), consumed.offset(), () -> this.settler.nack(consumed, reason),
				false);
	}

	/**
	 * Nack after {@code delayMillis} on the binding's timer; the offset stays unsettled
	 * until then.
	 */
	void nackLater(ConsumedMessage consumed, String reason, long delayMillis) {
		this.delayedNacks.schedule(() -> nack(consumed, reason), delayMillis);
	}

	/**
	 * Nack now, outside the offset order (a message released unhandled or after the
	 * shutdown timeout).
	 */
	void release(ConsumedMessage consumed, String reason) {
		this.settler.nack(consumed, reason);
	}

	/**
	 * A delivery this binding will not settle (left to its lease): it no longer counts as
	 * held here.
	 */
	void dropped(ConsumedMessage consumed) {
		this.state.settled();
	}

	/**
	 * Dead-letter {@code consumed} and ack it; if the dead letter cannot be written, nack
	 * it after the back-off.
	 */
	void deadLetter(ConsumedMessage consumed, String error, int inProcessAttempts, boolean running) {
		if (this.deadLetters.publish(consumed, error, inProcessAttempts)) {
			ack(consumed);
		}
		else {
			nackLater(consumed, error, running ? DelayedNacks.delayMillis(this.properties, consumed.attempts()) : 0);
		}
	}

	/**
	 * REJECT: dead-lettered now, whatever the budget; a nack if the dead letter cannot be
	 * written.
	 */
	void reject(ConsumedMessage consumed) {
		if (this.deadLetters.publish(consumed, REJECTED, 1)) {
			ack(consumed);
		}
		else {
			nack(consumed, REJECTED);
		}
	}

	/**
	 * A delivery whose handler still failed after the in-process attempts (not deferred):
	 * {@code RequeueCurrentMessageException} → nack; a non-retryable exception or
	 * conversion failure, or a spent budget ({@link DeliveryBudget}) → dead letter, then
	 * ack; otherwise → nack after the back-off delay for its delivery count, and DriftQ
	 * redelivers it.
	 * @param consumed the message
	 * @param failure the handler's failure
	 * @param message the Spring message the handler got, to tell a conversion failure
	 * ({@code null} if unknown)
	 * @param inProcessAttempts attempts made in this delivery
	 * @param running whether the binding is running (a stopping binding nacks at once)
	 */
	void failed(ConsumedMessage consumed, Throwable failure, @Nullable Message<?> message, int inProcessAttempts,
			boolean running) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof RequeueCurrentMessageException) {
				nack(consumed, REQUEUED);
				return;
			}
		}
		String reason = FailureReasons.reason(failure, message);
		if (!this.retryPolicy.isRetryable(failure)) {
			deadLetter(consumed, reason, inProcessAttempts, running);
		}
		else if (DeliveryBudget.isSpent(consumed, this.properties.getExtension())) {
			deadLetter(consumed, reason, inProcessAttempts, running);
		}
		else {
			nackLater(consumed, reason, running ? DelayedNacks.delayMillis(this.properties, consumed.attempts()) : 0);
		}
	}

	/**
	 * A deferred delivery held as long as its lease allows: re-published and acked; if
	 * the copy cannot be written, nacked now (spending one delivery) before its lease
	 * lapses.
	 */
	void deferBeyondLease(ConsumedMessage consumed, int deferral, String reason) {
		if (this.republisher.republish(consumed, deferral)) {
			ack(consumed);
		}
		else {
			nack(consumed, reason);
		}
	}

	/** Drop lapsed offsets and send the acks they held back. */
	void expire() {
		this.sequencer.expire();
	}

	/**
	 * The binding stops: pending nacks run now, held-back acks are dropped (their
	 * messages come back).
	 */
	void stop(String description) {
		this.delayedNacks.runPendingNow();
		int heldAcks = this.sequencer.clear();
		for (int i = 0; i < heldAcks; i++) {
			this.state.settled();
		}
		if (heldAcks > 0) {
			logger.info("DriftQ consumer " + description + " stopped with " + heldAcks + " ack(s) held behind lower"
					+ " offsets that were not settled here; those messages are redelivered (a duplicate rather than a"
					+ " committed offset past an unhandled message)");
		}
	}

}
