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

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A message to produce.
 *
 * @param topic topic to write to (the envelope's target topic, if set, wins on the
 * server)
 * @param key partition key; {@code null} sends the message to partition 0 unless the
 * envelope overrides it
 * @param value the payload: a non-empty string (encode binary data before sending)
 * @param envelope metadata; {@code null} for none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProduceRequest(String topic, @Nullable String key, String value, @Nullable Envelope envelope) {

	/**
	 * The largest key + value size, in UTF-8 bytes, the pinned server (DriftQ-Core of
	 * 2025-12-31) can ever accept: a message of 65 536 bytes or more is refused with 429
	 * on every try. Newer servers report their own limit
	 * ({@code io.driftq.client.DriftqServerCapabilities#maxKeyAndValueBytes()}, 4 MiB - 1
	 * by default), which the client checks instead.
	 */
	public static final int MAX_KEY_AND_VALUE_BYTES = 64 * 1024 - 1;

	public ProduceRequest {
		Objects.requireNonNull(topic, "topic");
		if (topic.isBlank()) {
			throw new IllegalArgumentException("topic must not be blank");
		}
		Objects.requireNonNull(value, "value");
		if (value.isEmpty()) {
			throw new IllegalArgumentException("value must not be empty: DriftQ rejects empty values");
		}
		if (envelope != null && envelope.isEmpty()) {
			envelope = null;
		}
	}

	/**
	 * A keyless message with no envelope.
	 * @param topic the topic
	 * @param value the payload
	 * @return the request
	 */
	public static ProduceRequest of(String topic, String value) {
		return new ProduceRequest(topic, null, value, null);
	}

	/**
	 * A keyed message with no envelope.
	 * @param topic the topic
	 * @param key the key
	 * @param value the payload
	 * @return the request
	 */
	public static ProduceRequest of(String topic, String key, String value) {
		return new ProduceRequest(topic, key, value, null);
	}

	/**
	 * A copy with another envelope.
	 * @param envelope the envelope
	 * @return the new request
	 */
	public ProduceRequest withEnvelope(@Nullable Envelope envelope) {
		return new ProduceRequest(this.topic, this.key, this.value, envelope);
	}

	/**
	 * Key + value size in UTF-8 bytes, the figure the server's size limit applies to.
	 * @return the size
	 */
	public int keyAndValueBytes() {
		int keyBytes = (this.key != null) ? this.key.getBytes(StandardCharsets.UTF_8).length : 0;
		return keyBytes + this.value.getBytes(StandardCharsets.UTF_8).length;
	}

}
