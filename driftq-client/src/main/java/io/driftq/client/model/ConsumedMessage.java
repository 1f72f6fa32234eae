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

import org.jspecify.annotations.Nullable;

/**
 * A message delivered to a consumer, with the coordinates needed to ack or nack it.
 * <p>
 * Offsets are unique per topic (one counter shared by all partitions), so offsets within
 * a partition have gaps.
 *
 * @param topic the topic it was consumed from
 * @param group the consumer group
 * @param owner the owner (consumer identity) the lease belongs to
 * @param partition the partition
 * @param offset the offset
 * @param attempts the delivery count, starting at 1
 * @param key the key, empty when the message had none
 * @param value the payload
 * @param lastError the reason of the previous failed delivery ({@code ack_timeout} after
 * a lapsed lease, the nack reason after a nack), empty on a first delivery
 * @param routing routing metadata, or {@code null}
 * @param envelope the envelope, or {@code null}
 */
public record ConsumedMessage(String topic, String group, String owner, int partition, long offset, int attempts,
		String key, String value, String lastError, @Nullable Routing routing, @Nullable Envelope envelope) {

	/**
	 * The envelope, or an empty one.
	 * @return never {@code null}
	 */
	public Envelope envelopeOrEmpty() {
		return (this.envelope != null) ? this.envelope : Envelope.EMPTY;
	}

	@Override
	public String toString() {
		return "ConsumedMessage[" + this.topic + "/" + this.partition + "@" + this.offset + ", group=" + this.group
				+ ", owner=" + this.owner + ", attempts=" + this.attempts + ", key=" + this.key + "]";
	}

}
