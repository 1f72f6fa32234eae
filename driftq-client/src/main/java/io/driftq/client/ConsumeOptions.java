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

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What a consumer reads and how it behaves between streams.
 *
 * @param topic the topic
 * @param group the consumer group: each group receives every message once it is acked by
 * one of its owners
 * @param owner this consumer's identity within the group; leases, acks and nacks are
 * checked against it
 * @param lease how long a delivered message stays leased before the broker redelivers it,
 * or {@code null} for the server default (2 s). While the owner has no open stream the
 * broker uses 2 s whatever this says.
 * @param bufferSize messages read ahead of {@link ConsumeSubscription#poll(Duration)};
 * the reader blocks when full
 * @param initialBackoff first wait before reconnecting after a failure
 * @param maxBackoff cap of the doubling reconnect wait
 * @param createTopicPartitions when positive, a missing topic is created with this many
 * partitions and the stream reopened; when 0, a missing topic is reported to the listener
 * and retried with backoff
 */
public record ConsumeOptions(String topic, String group, String owner, @Nullable Duration lease, int bufferSize,
		Duration initialBackoff, Duration maxBackoff, int createTopicPartitions) {

	public ConsumeOptions {
		requireText(topic, "topic");
		requireText(group, "group");
		requireText(owner, "owner");
		if (lease != null && (lease.isNegative() || lease.isZero())) {
			throw new IllegalArgumentException("lease must be positive, was " + lease);
		}
		if (bufferSize < 1) {
			throw new IllegalArgumentException("bufferSize must be at least 1, was " + bufferSize);
		}
		Objects.requireNonNull(initialBackoff, "initialBackoff");
		Objects.requireNonNull(maxBackoff, "maxBackoff");
		if (createTopicPartitions < 0) {
			throw new IllegalArgumentException("createTopicPartitions must not be negative");
		}
	}

	/**
	 * Options with defaults and a random owner.
	 * @param topic the topic
	 * @param group the group
	 * @return a builder
	 */
	public static Builder builder(String topic, String group) {
		return new Builder(topic, group);
	}

	private static void requireText(@Nullable String value, String what) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(what + " must not be blank");
		}
	}

	/** Builder for {@link ConsumeOptions}. */
	public static final class Builder {

		private final String topic;

		private final String group;

		private String owner = "driftq-java-" + UUID.randomUUID();

		private @Nullable Duration lease;

		private int bufferSize = 16;

		private Duration initialBackoff = Duration.ofMillis(100);

		private Duration maxBackoff = Duration.ofSeconds(5);

		private int createTopicPartitions;

		private Builder(String topic, String group) {
			this.topic = topic;
			this.group = group;
		}

		public Builder owner(String owner) {
			this.owner = owner;
			return this;
		}

		public Builder lease(@Nullable Duration lease) {
			this.lease = lease;
			return this;
		}

		public Builder bufferSize(int bufferSize) {
			this.bufferSize = bufferSize;
			return this;
		}

		public Builder backoff(Duration initial, Duration max) {
			this.initialBackoff = initial;
			this.maxBackoff = max;
			return this;
		}

		public Builder createTopicPartitions(int partitions) {
			this.createTopicPartitions = partitions;
			return this;
		}

		public ConsumeOptions build() {
			return new ConsumeOptions(this.topic, this.group, this.owner, this.lease, this.bufferSize,
					this.initialBackoff, this.maxBackoff, this.createTopicPartitions);
		}

	}

}
