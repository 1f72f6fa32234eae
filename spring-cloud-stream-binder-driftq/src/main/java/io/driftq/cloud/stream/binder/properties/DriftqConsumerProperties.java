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

package io.driftq.cloud.stream.binder.properties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * DriftQ-specific consumer settings
 * ({@code spring.cloud.stream.driftq.bindings.<name>.consumer.*}).
 */
public class DriftqConsumerProperties {

	/** How acknowledgements are made. */
	public enum AckMode {

		/** Ack when the handler returns, nack (after the backoff) when it throws. */
		AUTO,

		/**
		 * The application settles each message through its
		 * {@code AcknowledgmentCallback}.
		 */
		MANUAL

	}

	/** Where messages that keep failing end up. */
	public enum DlqMode {

		/**
		 * Once the message's budget is spent the binder copies it (key, value, envelope)
		 * to {@code dlq.<topic>}, the topic DriftQ itself moves exhausted messages to,
		 * then acks.
		 */
		BROKER,

		/**
		 * Once the message's budget is spent the binder publishes a JSON record (original
		 * payload, truncated to fit if need be, error, attempts, source
		 * topic/partition/offset) to {@code dlq-name}, then acks.
		 */
		BINDER

	}

	/** Dead letter mode. */
	private DlqMode dlqMode = DlqMode.BROKER;

	/**
	 * Topic of binder-mode dead letter records; defaults to {@code <destination>.dlq}
	 * (kept apart from the broker's own {@code dlq.<destination>}, which holds raw
	 * values).
	 */
	private @Nullable String dlqName;

	/**
	 * Whether values sent with embedded headers are unwrapped into the payload and its
	 * headers.
	 */
	private boolean extractEmbeddedHeaders = true;

	public boolean isExtractEmbeddedHeaders() {
		return this.extractEmbeddedHeaders;
	}

	public void setExtractEmbeddedHeaders(boolean extractEmbeddedHeaders) {
		this.extractEmbeddedHeaders = extractEmbeddedHeaders;
	}

	/**
	 * Partition count of the topic when this consumer binding creates it; defaults to
	 * instance-count times concurrency. An existing topic keeps its partition count.
	 */
	private @Nullable Integer partitions;

	/**
	 * How long stopping the binding waits, in total, for messages being handled to finish
	 * (and be settled). The consume streams stay open meanwhile; messages still being
	 * handled after it are nacked (released).
	 */
	private Duration shutdownTimeout = Duration.ofSeconds(30);

	/** Acknowledgement mode. */
	private AckMode ackMode = AckMode.AUTO;

	/**
	 * Lease requested for each delivered message; an unsettled message is redelivered
	 * after it. Between 250ms and 10m: DriftQ never delivers a message with an
	 * idempotency key to a stream whose lease is outside that range.
	 */
	private Duration lease = Duration.ofSeconds(30);

	/** Messages read ahead per consume stream (at least 1). */
	private int bufferSize = 2;

	/**
	 * Upper bound of the delay before the broker nack once in-process retries are
	 * exhausted. The delay follows the binding's back-off for the delivery count
	 * (back-off-initial-interval × back-off-multiplier^(driftq_attempts − 1), at most
	 * back-off-max-interval and half the lease), because DriftQ redelivers a nacked
	 * message at once; 0 nacks at once. The worker handles other messages meanwhile.
	 */
	private Duration nackDelay = Duration.ofSeconds(10);

	/**
	 * Deliveries a message without a retry policy in its envelope (sent by a non-binder
	 * producer) may use before it is dead-lettered. A message with a retry policy has its
	 * max_attempts as its budget.
	 */
	private int maxDeliveries = 5;

	/**
	 * Exceptions that mean "not a failure, come back later" (an effect in progress
	 * elsewhere, an effect store that cannot be reached, an effect lease lost, a database
	 * that cannot be reached), by fully qualified class name, matched on every class and
	 * superclass in the cause chain. Such a delivery spends no budget, is not retried in
	 * process and is never dead-lettered: it is handled again after the exception's
	 * retryAfter() (else back-off-initial-interval), held in process while that fits in
	 * the lease, else re-published to the end of its topic.
	 */
	private List<String> deferredExceptions = new ArrayList<>(List.of("io.driftq.idempotent.EffectInProgressException",
			"io.driftq.idempotent.EffectStoreUnavailableException", "io.driftq.idempotent.EffectLeaseLostException",
			// Spring's translation of "the database cannot be reached" (connection
			// refused, pool timeout, no
			// transaction could begin): an outage is not the message's fault and must not
			// spend its budget
			"org.springframework.dao.DataAccessResourceFailureException",
			"org.springframework.dao.TransientDataAccessResourceException",
			"org.springframework.transaction.CannotCreateTransactionException"));

	public int getMaxDeliveries() {
		return this.maxDeliveries;
	}

	public void setMaxDeliveries(int maxDeliveries) {
		this.maxDeliveries = maxDeliveries;
	}

	public List<String> getDeferredExceptions() {
		return this.deferredExceptions;
	}

	public void setDeferredExceptions(List<String> deferredExceptions) {
		this.deferredExceptions = deferredExceptions;
	}

	public @Nullable Integer getPartitions() {
		return this.partitions;
	}

	public void setPartitions(@Nullable Integer partitions) {
		this.partitions = partitions;
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	public AckMode getAckMode() {
		return this.ackMode;
	}

	public void setAckMode(AckMode ackMode) {
		this.ackMode = ackMode;
	}

	public Duration getLease() {
		return this.lease;
	}

	public void setLease(Duration lease) {
		this.lease = lease;
	}

	public int getBufferSize() {
		return this.bufferSize;
	}

	public void setBufferSize(int bufferSize) {
		this.bufferSize = bufferSize;
	}

	public Duration getNackDelay() {
		return this.nackDelay;
	}

	public void setNackDelay(Duration nackDelay) {
		this.nackDelay = nackDelay;
	}

	public DlqMode getDlqMode() {
		return this.dlqMode;
	}

	public void setDlqMode(DlqMode dlqMode) {
		this.dlqMode = dlqMode;
	}

	public @Nullable String getDlqName() {
		return this.dlqName;
	}

	public void setDlqName(@Nullable String dlqName) {
		this.dlqName = dlqName;
	}

}
