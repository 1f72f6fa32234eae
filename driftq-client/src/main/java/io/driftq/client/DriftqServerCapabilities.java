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

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What the DriftQ server behind a client accepts, read once from its
 * {@code GET /v1/config} and cached by the client ({@link DriftqClient#capabilities()}).
 * A server without that endpoint (the pinned DriftQ-Core of 2025-12-31 answers 404) is
 * described by {@link #PINNED_SERVER}, the limits that server has built in. Immutable.
 * <p>
 * A limit of 0 means the server enforces none ({@code max_partition_bytes = 0}: no byte
 * cap).
 */
public final class DriftqServerCapabilities {

	/** Where the figures come from. */
	public enum Source {

		/** The server's {@code GET /v1/config} answer. */
		SERVER_CONFIG,

		/**
		 * The server has no {@code /v1/config} (404 or another non-success answer): the
		 * built-in limits of the pinned DriftQ-Core (commit {@code dd3f2222e6a3}),
		 * observed in {@code docs/driftq-behaviour.md}.
		 */
		PINNED_SERVER_DEFAULTS

	}

	/**
	 * The pinned server's built-in limits: 100 messages or 64 KiB buffered per partition
	 * above the slowest group, 2 unacked messages per (topic, group, partition), no
	 * cumulative ack.
	 */
	public static final DriftqServerCapabilities PINNED_SERVER = new DriftqServerCapabilities(
			Source.PINNED_SERVER_DEFAULTS, 100, 64 * 1024, 2, false, null);

	private final Source source;

	private final int maxPartitionMessages;

	private final int maxPartitionBytes;

	private final int maxInflight;

	private final boolean cumulativeAck;

	private final @Nullable String walSyncInterval;

	DriftqServerCapabilities(Source source, int maxPartitionMessages, int maxPartitionBytes, int maxInflight,
			boolean cumulativeAck, @Nullable String walSyncInterval) {
		this.source = Objects.requireNonNull(source, "source");
		this.maxPartitionMessages = Math.max(0, maxPartitionMessages);
		this.maxPartitionBytes = Math.max(0, maxPartitionBytes);
		this.maxInflight = Math.max(0, maxInflight);
		this.cumulativeAck = cumulativeAck;
		this.walSyncInterval = walSyncInterval;
	}

	/**
	 * Where these figures come from.
	 * @return the source
	 */
	public Source source() {
		return this.source;
	}

	/**
	 * Messages a partition may buffer above the slowest group's committed offset before
	 * produce answers 429 ({@code max_partition_msgs}).
	 * @return the limit, 0 for none
	 */
	public int maxPartitionMessages() {
		return this.maxPartitionMessages;
	}

	/**
	 * Key + value bytes a partition may buffer above the slowest group's committed offset
	 * ({@code max_partition_bytes}; 64 KiB on the pinned server, 4 MiB by default on
	 * newer ones).
	 * @return the limit, 0 for none
	 */
	public int maxPartitionBytes() {
		return this.maxPartitionBytes;
	}

	/**
	 * The largest key + value, in UTF-8 bytes, the server can ever accept: the server
	 * refuses a message once the partition's buffered bytes plus its own reach
	 * {@link #maxPartitionBytes()}, so one byte less than that fits into an empty
	 * partition, and anything larger is refused with 429 on every try.
	 * @return the size, {@link Integer#MAX_VALUE} when the server has no byte cap
	 */
	public int maxKeyAndValueBytes() {
		return (this.maxPartitionBytes > 0) ? this.maxPartitionBytes - 1 : Integer.MAX_VALUE;
	}

	/**
	 * Unacked messages the server hands out per (topic, group, partition), across all of
	 * the group's streams ({@code max_inflight}).
	 * @return the limit, 0 for none
	 */
	public int maxInflight() {
		return this.maxInflight;
	}

	/**
	 * The most messages a group can hold unacked on a topic of {@code partitions}
	 * partitions: read-ahead or concurrency beyond this is never used, since the server
	 * delivers nothing more until an ack.
	 * @param partitions the topic's partition count, at least 1
	 * @return the bound, {@link Integer#MAX_VALUE} when the server has no in-flight limit
	 */
	public int maxUnackedPerGroup(int partitions) {
		if (partitions < 1) {
			throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
		}
		if (this.maxInflight == 0) {
			return Integer.MAX_VALUE;
		}
		long bound = (long) this.maxInflight * partitions;
		return (bound > Integer.MAX_VALUE) ? Integer.MAX_VALUE : (int) bound;
	}

	/**
	 * A read-ahead (buffer) size for one consume stream: {@code requested}, but no more
	 * than {@link #maxUnackedPerGroup(int)}.
	 * @param requested the size asked for, at least 1
	 * @param partitions the topic's partition count, at least 1
	 * @return the size worth allocating
	 */
	public int readAhead(int requested, int partitions) {
		if (requested < 1) {
			throw new IllegalArgumentException("requested read-ahead must be at least 1, was " + requested);
		}
		return Math.min(requested, maxUnackedPerGroup(partitions));
	}

	/**
	 * Whether the server has {@code POST /v1/ack-cumulative} (every server with
	 * {@code /v1/config} has it).
	 * @return {@code true} when cumulative acks can be sent
	 */
	public boolean supportsCumulativeAck() {
		return this.cumulativeAck;
	}

	/**
	 * The server's WAL fsync interval as it reports it, in Go duration syntax
	 * ({@code 0s}: fsync on every append; a longer interval means a larger window of
	 * acknowledged writes a crash can lose).
	 * @return the interval, or {@code null} when the server does not say
	 */
	public @Nullable String walSyncInterval() {
		return this.walSyncInterval;
	}

	DriftqServerCapabilities withoutCumulativeAck() {
		return new DriftqServerCapabilities(this.source, this.maxPartitionMessages, this.maxPartitionBytes,
				this.maxInflight, false, this.walSyncInterval);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof DriftqServerCapabilities that && this.source == that.source
				&& this.maxPartitionMessages == that.maxPartitionMessages
				&& this.maxPartitionBytes == that.maxPartitionBytes && this.maxInflight == that.maxInflight
				&& this.cumulativeAck == that.cumulativeAck
				&& Objects.equals(this.walSyncInterval, that.walSyncInterval);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.source, this.maxPartitionMessages, this.maxPartitionBytes, this.maxInflight,
				this.cumulativeAck, this.walSyncInterval);
	}

	@Override
	public String toString() {
		return "DriftqServerCapabilities[" + this.source + ", maxPartitionMessages=" + this.maxPartitionMessages
				+ ", maxPartitionBytes=" + this.maxPartitionBytes + ", maxInflight=" + this.maxInflight
				+ ", cumulativeAck=" + this.cumulativeAck + ", walSyncInterval=" + this.walSyncInterval + "]";
	}

}
