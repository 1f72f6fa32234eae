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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.driftq.client.model.ConsumedMessage;
import io.driftq.client.model.Envelope;
import io.driftq.client.model.ProduceRequest;
import io.driftq.client.model.RetryPolicy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.stream.binder.BinderHeaders;
import org.springframework.integration.IntegrationMessageHeaderAccessor;
import org.springframework.integration.acks.AcknowledgmentCallback;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

/**
 * Maps between Spring message headers and what a DriftQ message carries (key, value,
 * envelope), both ways.
 * <p>
 * Inbound (push and polled consumers): the payload (unwrapped from embedded headers when
 * the binding extracts them), the embedded headers, then the binder's {@code driftq_*}
 * headers (topic, group, partition, offset, attempts, key, last error, the envelope's
 * fields and routing), which win over anything embedded.
 * <p>
 * Outbound (producer bindings): {@code driftq_key} and the envelope headers
 * ({@code driftq_run_id}, ..., {@code driftq_retry_*}, {@code driftq_deadline},
 * {@code driftq_partition_override}, else Spring Cloud Stream's partition when the
 * binding is partitioned) become the key and the envelope; a header that is absent falls
 * back to the binding's expression for it; the headers the binding embeds
 * ({@code embedded-headers}) travel inside the value.
 */
final class DriftqHeaderMapper {

	private static final Log logger = LogFactory.getLog(DriftqHeaderMapper.class);

	private final boolean extractEmbeddedHeaders;

	private final List<String> embeddedHeaders;

	/** An inbound mapper. */
	DriftqHeaderMapper(boolean extractEmbeddedHeaders) {
		this(extractEmbeddedHeaders, List.of());
	}

	/**
	 * @param extractEmbeddedHeaders whether inbound values are unwrapped from embedded
	 * headers
	 * @param embeddedHeaders header names / patterns embedded in outbound values (empty:
	 * the plain value)
	 */
	DriftqHeaderMapper(boolean extractEmbeddedHeaders, List<String> embeddedHeaders) {
		this.extractEmbeddedHeaders = extractEmbeddedHeaders;
		this.embeddedHeaders = (embeddedHeaders != null) ? List.copyOf(embeddedHeaders) : List.of();
	}

	/**
	 * The produce request of an outgoing message.
	 * @param topic the binding's topic
	 * @param headers the message's headers
	 * @param value the encoded payload
	 * @param fallback the binding's value for a header the message does not carry (its
	 * expression), by header name; {@code null} for none
	 * @param retryPolicy the binding's retry policy, parts of which the
	 * {@code driftq_retry_*} headers replace
	 * @param partitioned whether Spring Cloud Stream partitions the binding (its
	 * partition header is then the partition override unless
	 * {@code driftq_partition_override} is set)
	 * @return the request
	 */
	ProduceRequest fromHeaders(String topic, MessageHeaders headers, String value, Function<String, Object> fallback,
			RetryPolicy retryPolicy, boolean partitioned) {
		return fromHeaders(topic, headers, value, fallback, retryPolicy, partitioned, Map.of());
	}

	/**
	 * As
	 * {@link #fromHeaders(String, MessageHeaders, String, Function, RetryPolicy, boolean)},
	 * with the trace context of the producer observation: embedded with the binding's
	 * embedded headers (winning over a copied {@code traceparent} a processor's output
	 * carries from its input), dropped when the binding embeds none.
	 * @param traceHeaders the trace context headers ({@code traceparent},
	 * {@code tracestate}, {@code baggage}, ...)
	 */
	ProduceRequest fromHeaders(String topic, MessageHeaders headers, String value, Function<String, Object> fallback,
			RetryPolicy retryPolicy, boolean partitioned, Map<String, String> traceHeaders) {
		String mapped = value;
		if (!this.embeddedHeaders.isEmpty()) {
			Map<String, Object> embedded = EmbeddedHeaders.select(headers, this.embeddedHeaders);
			embedded.putAll(traceHeaders);
			mapped = EmbeddedHeaders.embed(value, embedded);
		}
		Function<String, String> text = (name) -> {
			String header = string(headers.get(name));
			return (header != null) ? header : string(fallback.apply(name));
		};
		String targetTopic = outgoingTargetTopic(headers);
		Envelope.Builder envelope = Envelope.builder()
			.retryPolicy(DriftqEnvelopeHeaders.retryPolicy(headers, retryPolicy))
			.runId(text.apply(DriftqHeaders.RUN_ID))
			.stepId(text.apply(DriftqHeaders.STEP_ID))
			.parentStepId(text.apply(DriftqHeaders.PARENT_STEP_ID))
			.tenantId(text.apply(DriftqHeaders.TENANT_ID))
			.idempotencyKey(text.apply(DriftqHeaders.IDEMPOTENCY_KEY))
			.targetTopic((targetTopic != null) ? targetTopic : string(fallback.apply(DriftqHeaders.TARGET_TOPIC)));
		Object deadline = headers.get(DriftqHeaders.DEADLINE);
		Instant instant = DriftqEnvelopeHeaders
			.deadline((deadline != null) ? deadline : fallback.apply(DriftqHeaders.DEADLINE));
		if (instant != null) {
			envelope.deadline(instant);
		}
		Object override = headers.get(DriftqHeaders.PARTITION_OVERRIDE);
		if (override == null && partitioned) {
			override = headers.get(BinderHeaders.PARTITION_HEADER);
		}
		if (override != null) {
			envelope.partitionOverride(Integer.valueOf(override.toString().trim()));
		}
		return new ProduceRequest(topic, text.apply(DriftqHeaders.KEY), mapped, envelope.build());
	}

	/**
	 * The {@code driftq_target_topic} to send, unless it is the one the message was
	 * consumed from: a processor's output carries its input's headers, and re-sending the
	 * input's target topic would route the output back into the input topic, in a loop.
	 */
	static @Nullable String outgoingTargetTopic(MessageHeaders headers) {
		String target = string(headers.get(DriftqHeaders.TARGET_TOPIC));
		if (target != null && target.equals(string(headers.get(DriftqHeaders.TOPIC)))) {
			return null;
		}
		return target;
	}

	private static @Nullable String string(@Nullable Object value) {
		return (value != null) ? value.toString() : null;
	}

	/**
	 * @param consumed the DriftQ message
	 * @param callback the acknowledgment callback header, or {@code null} for none
	 * @return the Spring message
	 */
	Message<byte[]> toMessage(ConsumedMessage consumed, @Nullable AcknowledgmentCallback callback) {
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
					// a header Spring refuses (wrong type for a typed header): dropped,
					// the message is still delivered
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

	private static void setIfPresent(MessageBuilder<byte[]> builder, String header, @Nullable Object value) {
		if (value != null) {
			builder.setHeader(header, value);
		}
	}

}
