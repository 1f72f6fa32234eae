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

import org.jspecify.annotations.Nullable;

/**
 * DriftQ-specific producer settings
 * ({@code spring.cloud.stream.driftq.bindings.<name>.producer.*}). The retry policy is
 * attached to every message's envelope, so a failing message ends in {@code dlq.<topic>}
 * instead of being redelivered forever.
 */
public class DriftqProducerProperties {

	/**
	 * Broker deliveries before the message goes to the dead letter topic dlq.destination;
	 * must be at least 2. The driftq_retry_max_attempts header overrides it per message.
	 */
	private int retryMaxAttempts = 5;

	/**
	 * Broker backoff between lease-lapse redeliveries; the driftq_retry_backoff header
	 * overrides it per message.
	 */
	private Duration retryBackoff = Duration.ofSeconds(1);

	/**
	 * Cap of the broker backoff; the driftq_retry_max_backoff header overrides it per
	 * message.
	 */
	private Duration retryMaxBackoff = Duration.ofSeconds(30);

	/**
	 * Whether a failed send is thrown to the caller. Sends always wait for DriftQ's
	 * answer; with false and an error channel (error-channel-enabled or an
	 * error-handler-definition), a failure goes only to that channel.
	 */
	private boolean sync = true;

	/**
	 * Longest time a send waits for room when the destination partition is full (DriftQ
	 * answers 429 while a consumer group lags 100 messages or 64 KiB behind), like
	 * Kafka's max.block.ms; then the send fails with DriftqOverloadedException. Zero
	 * fails at the first 429. Must not be negative.
	 */
	private Duration maxBlock = Duration.ofSeconds(60);

	public Duration getMaxBlock() {
		return this.maxBlock;
	}

	public void setMaxBlock(Duration maxBlock) {
		this.maxBlock = maxBlock;
	}

	/**
	 * SpEL expression evaluated against the outgoing message giving the DriftQ key; the
	 * driftq_key header wins.
	 */
	private @Nullable String keyExpression;

	/**
	 * SpEL expression giving the envelope idempotency key; the driftq_idempotency_key
	 * header wins.
	 */
	private @Nullable String idempotencyKeyExpression;

	/** SpEL expression giving the envelope tenant id. */
	private @Nullable String tenantIdExpression;

	/** SpEL expression giving the envelope run id. */
	private @Nullable String runIdExpression;

	/** SpEL expression giving the envelope step id. */
	private @Nullable String stepIdExpression;

	/** SpEL expression giving the envelope parent step id. */
	private @Nullable String parentStepIdExpression;

	/**
	 * Headers to carry inside the value (DriftQ has no message headers), as names or
	 * simple patterns, e.g. contentType, traceparent, x-*. Empty (the default) sends the
	 * plain value, as non-Java consumers expect.
	 */
	private java.util.List<String> embeddedHeaders = new java.util.ArrayList<>();

	public java.util.List<String> getEmbeddedHeaders() {
		return this.embeddedHeaders;
	}

	public void setEmbeddedHeaders(java.util.List<String> embeddedHeaders) {
		this.embeddedHeaders = embeddedHeaders;
	}

	/**
	 * SpEL expression giving the envelope target topic (DriftQ routes the message there).
	 */
	private @Nullable String targetTopicExpression;

	/**
	 * SpEL expression giving the envelope deadline: an Instant, a java.util.Date, epoch
	 * milliseconds, or ISO-8601 text. DriftQ refuses a message whose deadline has passed.
	 */
	private @Nullable String deadlineExpression;

	public @Nullable String getTargetTopicExpression() {
		return this.targetTopicExpression;
	}

	public void setTargetTopicExpression(@Nullable String targetTopicExpression) {
		this.targetTopicExpression = targetTopicExpression;
	}

	public @Nullable String getDeadlineExpression() {
		return this.deadlineExpression;
	}

	public void setDeadlineExpression(@Nullable String deadlineExpression) {
		this.deadlineExpression = deadlineExpression;
	}

	public boolean isSync() {
		return this.sync;
	}

	public void setSync(boolean sync) {
		this.sync = sync;
	}

	public int getRetryMaxAttempts() {
		return this.retryMaxAttempts;
	}

	public void setRetryMaxAttempts(int retryMaxAttempts) {
		this.retryMaxAttempts = retryMaxAttempts;
	}

	public Duration getRetryBackoff() {
		return this.retryBackoff;
	}

	public void setRetryBackoff(Duration retryBackoff) {
		this.retryBackoff = retryBackoff;
	}

	public Duration getRetryMaxBackoff() {
		return this.retryMaxBackoff;
	}

	public void setRetryMaxBackoff(Duration retryMaxBackoff) {
		this.retryMaxBackoff = retryMaxBackoff;
	}

	public @Nullable String getKeyExpression() {
		return this.keyExpression;
	}

	public void setKeyExpression(@Nullable String keyExpression) {
		this.keyExpression = keyExpression;
	}

	public @Nullable String getIdempotencyKeyExpression() {
		return this.idempotencyKeyExpression;
	}

	public void setIdempotencyKeyExpression(@Nullable String idempotencyKeyExpression) {
		this.idempotencyKeyExpression = idempotencyKeyExpression;
	}

	public @Nullable String getTenantIdExpression() {
		return this.tenantIdExpression;
	}

	public void setTenantIdExpression(@Nullable String tenantIdExpression) {
		this.tenantIdExpression = tenantIdExpression;
	}

	public @Nullable String getRunIdExpression() {
		return this.runIdExpression;
	}

	public void setRunIdExpression(@Nullable String runIdExpression) {
		this.runIdExpression = runIdExpression;
	}

	public @Nullable String getParentStepIdExpression() {
		return this.parentStepIdExpression;
	}

	public void setParentStepIdExpression(@Nullable String parentStepIdExpression) {
		this.parentStepIdExpression = parentStepIdExpression;
	}

	public @Nullable String getStepIdExpression() {
		return this.stepIdExpression;
	}

	public void setStepIdExpression(@Nullable String stepIdExpression) {
		this.stepIdExpression = stepIdExpression;
	}

}
