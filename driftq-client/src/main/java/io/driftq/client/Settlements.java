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

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.driftq.client.HttpTransport.Answer;
import io.driftq.client.exception.DriftqException;
import io.driftq.client.exception.DriftqInvalidArgumentException;
import io.driftq.client.exception.DriftqSettledElsewhereException;
import io.driftq.client.model.ConsumedMessage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acks and nacks. A batch ({@link #ackAll}) is sent as one
 * {@code POST /v1/ack-cumulative} per partition when the server has it and the batch's
 * offsets run without a gap from the offset this client last acked on that partition (or
 * from 0); otherwise, or when the server refuses the cumulative ack, as one
 * {@code POST /v1/ack} per offset in offset order.
 * <p>
 * Why "from the offset this client last acked": a cumulative ack to offset n acks
 * everything from the group's committed offset + 1 to n, and the server refuses it unless
 * every one of those offsets is in flight with this owner. The client cannot see the
 * committed offset; the offsets it acked itself on the group's partition (with any owner)
 * are the best it knows. When another instance moved the committed offset, the range is
 * no longer known to be contiguous and per-offset acks are used; when the server refuses
 * anyway, too.
 */
final class Settlements {

	private static final Logger logger = LoggerFactory.getLogger(Settlements.class);

	/**
	 * Where a batch is acked: the owner is part of the request, the committed offset is
	 * the group's.
	 */
	private record PartitionKey(String topic, String group, String owner, int partition) {

		GroupPartition groupPartition() {
			return new GroupPartition(this.topic, this.group, this.partition);
		}

	}

	private record GroupPartition(String topic, String group, int partition) {
	}

	/**
	 * Partitions whose last acked offset is remembered. Forgetting one only means its
	 * next batch is acked per offset, so the table is bounded (a topic per run, as in the
	 * demo, must not grow it for ever).
	 */
	static final int MAX_TRACKED_PARTITIONS = 4096;

	private final HttpTransport transport;

	private final CapabilityDiscovery discovery;

	/**
	 * Highest offset this client acked, per (topic, group, partition), least recently
	 * acked first.
	 */
	private final Map<GroupPartition, Long> acked;

	Settlements(HttpTransport transport, CapabilityDiscovery discovery) {
		this(transport, discovery, MAX_TRACKED_PARTITIONS);
	}

	Settlements(HttpTransport transport, CapabilityDiscovery discovery, int maxTrackedPartitions) {
		this.transport = transport;
		this.discovery = discovery;
		this.acked = java.util.Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<GroupPartition, Long> eldest) {
				return size() > maxTrackedPartitions;
			}

		});
	}

	void ack(String topic, String group, String owner, int partition, long offset) {
		Answer answer = this.transport.post("v1/ack",
				new WireFormat.Settle(topic, group, owner, partition, offset, null));
		if (answer.status() / 100 != 2) {
			throw HttpTransport.failure("ack " + topic + "/" + partition + "@" + offset, answer.status(),
					answer.body());
		}
		acked(new GroupPartition(topic, group, partition), offset);
	}

	/**
	 * Remember the offset, unless the server is known to have no cumulative ack (then
	 * nothing ever reads it).
	 */
	private void acked(GroupPartition key, long offset) {
		DriftqServerCapabilities known = this.discovery.known();
		if (known == null || known.supportsCumulativeAck()) {
			this.acked.merge(key, offset, Math::max);
		}
	}

	int trackedPartitions() {
		return this.acked.size();
	}

	void nack(String topic, String group, String owner, int partition, long offset, @Nullable String reason) {
		Answer answer = this.transport.post("v1/nack",
				new WireFormat.Settle(topic, group, owner, partition, offset, reason));
		if (answer.status() / 100 != 2) {
			throw HttpTransport.failure("nack " + topic + "/" + partition + "@" + offset, answer.status(),
					answer.body());
		}
	}

	/**
	 * Ack every message of {@code messages}, per partition in offset order, stopping at
	 * the first failure (later offsets of that partition stay unacked, so a failure never
	 * moves the committed offset past a message).
	 */
	void ackAll(Collection<ConsumedMessage> messages) {
		Map<PartitionKey, List<Long>> byPartition = new LinkedHashMap<>();
		for (ConsumedMessage message : messages) {
			byPartition
				.computeIfAbsent(
						new PartitionKey(message.topic(), message.group(), message.owner(), message.partition()),
						(key) -> new ArrayList<>())
				.add(message.offset());
		}
		for (Map.Entry<PartitionKey, List<Long>> entry : byPartition.entrySet()) {
			List<Long> offsets = entry.getValue().stream().distinct().sorted().toList();
			ackPartition(entry.getKey(), offsets);
		}
	}

	private void ackPartition(PartitionKey key, List<Long> offsets) {
		long last = offsets.get(offsets.size() - 1);
		if (offsets.size() > 1 && isContiguousFromAcked(key, offsets) && this.discovery.get().supportsCumulativeAck()
				&& ackCumulative(key, last)) {
			return;
		}
		for (long offset : offsets) {
			ack(key.topic(), key.group(), key.owner(), key.partition(), offset);
		}
	}

	private boolean isContiguousFromAcked(PartitionKey key, List<Long> offsets) {
		Long last = this.acked.get(key.groupPartition());
		long expected = (last != null) ? last + 1 : 0;
		for (long offset : offsets) {
			if (offset != expected) {
				return false;
			}
			expected++;
		}
		return true;
	}

	/**
	 * @return {@code true} when the server took the cumulative ack, {@code false} to ack
	 * per offset instead
	 */
	private boolean ackCumulative(PartitionKey key, long offset) {
		String operation = "cumulative ack " + key.topic() + "/" + key.partition() + "@" + offset;
		Answer answer = this.transport.post("v1/ack-cumulative",
				new WireFormat.Settle(key.topic(), key.group(), key.owner(), key.partition(), offset, null));
		if (answer.status() / 100 == 2) {
			acked(key.groupPartition(), offset);
			return true;
		}
		if (answer.status() == 404 || answer.status() == 405) {
			this.discovery.cumulativeAckUnavailable();
			return false;
		}
		DriftqException failure = HttpTransport.failure(operation, answer.status(), answer.body());
		if (failure instanceof DriftqSettledElsewhereException || failure instanceof DriftqInvalidArgumentException) {
			// The range was not all in flight with this owner (another instance acked, or
			// holds, a part of it):
			// each offset is acked on its own, as without cumulative acks.
			logger.debug("{} refused ({}); acking per offset", operation, failure.getMessage());
			return false;
		}
		throw failure;
	}

}
