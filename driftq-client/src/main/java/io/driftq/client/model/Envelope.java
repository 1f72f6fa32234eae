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

package io.driftq.client.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The metadata DriftQ keeps with a message. DriftQ has no free-form headers: these
 * fields, the key and the value are all a message carries.
 *
 * @param runId workflow run identifier
 * @param stepId workflow step identifier
 * @param parentStepId parent step identifier
 * @param tenantId tenant; part of the produce idempotency scope
 * @param idempotencyKey names one logical message: a duplicate produce within 10 minutes
 * is accepted and dropped, and once a group acks a message with this key, later messages
 * with the same key are skipped for that group
 * @param targetTopic topic the broker writes the message to instead of the request's
 * topic
 * @param deadline instant after which the broker rejects the produce
 * @param retryPolicy broker-side redelivery policy
 * @param partitionOverride partition to write to instead of the key hash
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Envelope(@Nullable String runId, @Nullable String stepId, @Nullable String parentStepId,
		@Nullable String tenantId, @Nullable String idempotencyKey, @Nullable String targetTopic,
		@Nullable Instant deadline, @Nullable RetryPolicy retryPolicy, @Nullable Integer partitionOverride) {

	/** An envelope with no field set. */
	public static final Envelope EMPTY = new Envelope(null, null, null, null, null, null, null, null, null);

	/**
	 * Start building an envelope.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * A builder initialised with this envelope's fields.
	 * @return a new builder
	 */
	public Builder toBuilder() {
		return new Builder().runId(this.runId)
			.stepId(this.stepId)
			.parentStepId(this.parentStepId)
			.tenantId(this.tenantId)
			.idempotencyKey(this.idempotencyKey)
			.targetTopic(this.targetTopic)
			.deadline(this.deadline)
			.retryPolicy(this.retryPolicy)
			.partitionOverride(this.partitionOverride);
	}

	/**
	 * Whether no field is set.
	 * @return {@code true} for an empty envelope
	 */
	@JsonIgnore
	public boolean isEmpty() {
		return EMPTY.equals(this);
	}

	/** Builder for {@link Envelope}. */
	public static final class Builder {

		private @Nullable String runId;

		private @Nullable String stepId;

		private @Nullable String parentStepId;

		private @Nullable String tenantId;

		private @Nullable String idempotencyKey;

		private @Nullable String targetTopic;

		private @Nullable Instant deadline;

		private @Nullable RetryPolicy retryPolicy;

		private @Nullable Integer partitionOverride;

		private Builder() {
		}

		public Builder runId(@Nullable String runId) {
			this.runId = runId;
			return this;
		}

		public Builder stepId(@Nullable String stepId) {
			this.stepId = stepId;
			return this;
		}

		public Builder parentStepId(@Nullable String parentStepId) {
			this.parentStepId = parentStepId;
			return this;
		}

		public Builder tenantId(@Nullable String tenantId) {
			this.tenantId = tenantId;
			return this;
		}

		public Builder idempotencyKey(@Nullable String idempotencyKey) {
			this.idempotencyKey = idempotencyKey;
			return this;
		}

		public Builder targetTopic(@Nullable String targetTopic) {
			this.targetTopic = targetTopic;
			return this;
		}

		public Builder deadline(@Nullable Instant deadline) {
			this.deadline = deadline;
			return this;
		}

		public Builder retryPolicy(@Nullable RetryPolicy retryPolicy) {
			this.retryPolicy = retryPolicy;
			return this;
		}

		public Builder partitionOverride(@Nullable Integer partitionOverride) {
			if (partitionOverride != null && partitionOverride < 0) {
				throw new IllegalArgumentException("partitionOverride must not be negative: " + partitionOverride);
			}
			this.partitionOverride = partitionOverride;
			return this;
		}

		public Envelope build() {
			return new Envelope(this.runId, this.stepId, this.parentStepId, this.tenantId, this.idempotencyKey,
					this.targetTopic, this.deadline, this.retryPolicy, this.partitionOverride);
		}

	}

}
