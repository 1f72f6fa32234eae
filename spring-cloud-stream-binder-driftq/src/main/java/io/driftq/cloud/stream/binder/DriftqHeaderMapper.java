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

import java.nio.charset.StandardCharsets;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.integration.IntegrationMessageHeaderAccessor;
import org.springframework.integration.acks.AcknowledgmentCallback;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;

import io.driftq.client.model.ConsumedMessage;
import io.driftq.client.model.Envelope;

/**
 * Maps a consumed DriftQ message to a Spring message, for push and polled consumers: the payload (unwrapped from
 * embedded headers when the binding extracts them), the embedded headers, then the binder's {@code driftq_*} headers
 * (topic, group, partition, offset, attempts, key, last error, the envelope's fields and routing), which win over
 * anything embedded. Outbound mapping stays in the producer handler.
 */
final class DriftqHeaderMapper {

	private static final Log logger = LogFactory.getLog(DriftqHeaderMapper.class);

	private final boolean extractEmbeddedHeaders;

	DriftqHeaderMapper(boolean extractEmbeddedHeaders) {
		this.extractEmbeddedHeaders = extractEmbeddedHeaders;
	}

	/**
	 * @param consumed the DriftQ message
	 * @param callback the acknowledgment callback header, or {@code null} for none
	 * @return the Spring message
	 */
	Message<byte[]> toMessage(ConsumedMessage consumed, AcknowledgmentCallback callback) {
		EmbeddedHeaders.Unwrapped unwrapped = this.extractEmbeddedHeaders ? EmbeddedHeaders.extract(consumed.value())
				: null;
		String value = (unwrapped != null) ? unwrapped.payload() : consumed.value();
		MessageBuilder<byte[]> builder = MessageBuilder.withPayload(value.getBytes(StandardCharsets.UTF_8));
		if (unwrapped != null) {
			unwrapped.headers().forEach((name, header) -> {
				try {
					builder.setHeader(name, header);
				}
				catch (IllegalArgumentException ex) {
					// a header Spring refuses (wrong type for a typed header): dropped, the message is still delivered
					logger.debug("Embedded header '" + name + "' dropped: " + ex.getMessage());
				}
			});
		}
		builder.setHeader(DriftqHeaders.TOPIC, consumed.topic())
			.setHeader(DriftqHeaders.GROUP, consumed.group())
			.setHeader(DriftqHeaders.PARTITION, consumed.partition())
			.setHeader(DriftqHeaders.OFFSET, consumed.offset())
			.setHeader(DriftqHeaders.ATTEMPTS, consumed.attempts())
			.setHeaderIfAbsent(DriftqHeaders.KEY, consumed.key())
			.setHeaderIfAbsent(DriftqHeaders.LAST_ERROR, consumed.lastError());
		Envelope envelope = consumed.envelopeOrEmpty();
		setIfPresent(builder, DriftqHeaders.RUN_ID, envelope.runId());
		setIfPresent(builder, DriftqHeaders.STEP_ID, envelope.stepId());
		setIfPresent(builder, DriftqHeaders.PARENT_STEP_ID, envelope.parentStepId());
		setIfPresent(builder, DriftqHeaders.TENANT_ID, envelope.tenantId());
		setIfPresent(builder, DriftqHeaders.IDEMPOTENCY_KEY, envelope.idempotencyKey());
		setIfPresent(builder, DriftqHeaders.TARGET_TOPIC, envelope.targetTopic());
		setIfPresent(builder, DriftqHeaders.DEADLINE, envelope.deadline());
		setIfPresent(builder, DriftqHeaders.PARTITION_OVERRIDE, envelope.partitionOverride());
		if (consumed.routing() != null) {
			setIfPresent(builder, DriftqHeaders.ROUTING_LABEL, consumed.routing().label());
			if (!consumed.routing().meta().isEmpty()) {
				builder.setHeader(DriftqHeaders.ROUTING_META, consumed.routing().meta());
			}
		}
		if (callback != null) {
			builder.setHeader(IntegrationMessageHeaderAccessor.ACKNOWLEDGMENT_CALLBACK, callback);
		}
		return builder.build();
	}

	private static void setIfPresent(MessageBuilder<byte[]> builder, String header, Object value) {
		if (value != null) {
			builder.setHeader(header, value);
		}
	}

}
