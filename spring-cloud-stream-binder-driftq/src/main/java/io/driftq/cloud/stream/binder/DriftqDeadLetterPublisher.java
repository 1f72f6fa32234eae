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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import io.driftq.client.DriftqClient;
import io.driftq.client.model.ConsumedMessage;
import io.driftq.client.model.Envelope;
import io.driftq.client.model.ProduceRequest;
import io.driftq.client.model.RetryPolicy;
import io.driftq.cloud.stream.binder.health.DriftqBindingStates;
import io.driftq.cloud.stream.binder.metrics.DriftqBinderMetrics;
import io.driftq.cloud.stream.binder.properties.DriftqConsumerProperties;
import io.driftq.cloud.stream.binder.properties.DriftqConsumerProperties.DlqMode;
import io.driftq.cloud.stream.binder.provisioning.DriftqTopicProvisioner;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;

/**
 * Writes one consumer binding's dead letters, for push and polled consumers alike.
 * {@code dlq-mode: binder} writes a JSON record (payload, key, error, attempts, source
 * topic/partition/offset) to {@code dlq-name}; a record that would be larger than
 * {@value #MAX_RECORD_BYTES} bytes has its payload truncated and says so
 * ({@code payload_truncated}, {@code payload_bytes}, {@code payload_sha256} of the full
 * payload). {@code dlq-mode: broker} writes the copy DriftQ itself would move to
 * {@code dlq.<topic>} (key, value, envelope without retry policy), because the binder,
 * unlike DriftQ's move, can see a refusal, report it and try again. The caller acks the
 * original when a write succeeds and nacks it otherwise; refusals are reported to the
 * binding's state (health).
 */
final class DriftqDeadLetterPublisher {

	private static final Log logger = LogFactory.getLog(DriftqDeadLetterPublisher.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Largest key + record a binder dead letter may take: DriftQ refuses a produce once a
	 * partition holds 64 KiB above the slowest acking group, so records of at most 16 KiB
	 * leave room for the next one while the retainer (two records in flight) has not
	 * acked the last ones yet. Far below DriftQ's produce limit of 64 KiB.
	 */
	static final int MAX_RECORD_BYTES = 16 * 1024;

	private final DriftqClient client;

	private final DriftqTopicProvisioner provisioner;

	private final ExtendedConsumerProperties<DriftqConsumerProperties> properties;

	private final String topic;

	private final String group;

	private final DriftqBinderMetrics metrics;

	private final DriftqBindingStates.ConsumerState state;

	DriftqDeadLetterPublisher(DriftqClient client, DriftqTopicProvisioner provisioner,
			ExtendedConsumerProperties<DriftqConsumerProperties> properties, String topic, String group,
			DriftqBinderMetrics metrics, DriftqBindingStates.ConsumerState state) {
		this.client = client;
		this.provisioner = provisioner;
		this.properties = properties;
		this.topic = topic;
		this.group = group;
		this.metrics = metrics;
		this.state = state;
	}

	/**
	 * The topic this binding's dead letters go to: {@code dlq-name} (default
	 * {@code <topic>.dlq}) or {@code dlq.<topic>}.
	 */
	String deadLetterTopic() {
		DriftqConsumerProperties extension = this.properties.getExtension();
		if (extension.getDlqMode() == DlqMode.BROKER) {
			return "dlq." + this.topic;
		}
		String name = extension.getDlqName();
		return (name == null || name.isBlank()) ? this.topic + ".dlq" : name;
	}

	/**
	 * Partition count the dead letter topic is created with (DriftQ's own: the source's).
	 */
	int deadLetterPartitions() {
		return (this.properties.getExtension().getDlqMode() == DlqMode.BROKER)
				? DriftqTopicProvisioner.consumerPartitions(this.properties) : 1;
	}

	/**
	 * Write the dead letter of {@code consumed}.
	 * @param consumed the message
	 * @param error why it is dead-lettered
	 * @param inProcessAttempts attempts made within its last delivery, for the record
	 * @return whether it was written (the caller then acks the original)
	 */
	boolean publish(ConsumedMessage consumed, String error, int inProcessAttempts) {
		String dlq = deadLetterTopic();
		long start = System.nanoTime();
		boolean written = false;
		try {
			this.provisioner.ensureTopic(dlq, deadLetterPartitions());
			this.client
				.produce((this.properties.getExtension().getDlqMode() == DlqMode.BROKER) ? brokerCopy(consumed, dlq)
						: new ProduceRequest(dlq, consumed.key(), record(consumed, error, inProcessAttempts),
								Envelope.builder().retryPolicy(RetryPolicy.maxAttempts(5)).build()));
			written = true;
			this.metrics.consumerEvent("dead_lettered", this.topic, this.group);
			this.state.deadLetterWritten();
			logger.warn("Dead-lettered " + consumed + " to " + dlq + ": " + error);
			return true;
		}
		catch (RuntimeException ex) {
			this.metrics.consumerEvent("dead_letter_refused", this.topic, this.group);
			this.state.deadLetterRefused(dlq + " refused the dead letter of " + consumed + ": " + ex.getMessage());
			logger.error("Could not write the dead letter of " + consumed + " to " + dlq + " (" + error
					+ "); it is nacked and the write is tried again on its redelivery", ex);
			return false;
		}
		finally {
			// the binder's own writes count in driftq.binder.produce like a producer
			// binding's
			this.metrics.produced(dlq, DriftqBinderMetrics.DEAD_LETTER, System.nanoTime() - start, written);
		}
	}

	private static ProduceRequest brokerCopy(ConsumedMessage consumed, String dlq) {
		Envelope original = consumed.envelopeOrEmpty();
		Envelope envelope = Envelope.builder()
			.runId(original.runId())
			.stepId(original.stepId())
			.parentStepId(original.parentStepId())
			.tenantId(original.tenantId())
			.idempotencyKey(original.idempotencyKey())
			.build();
		return new ProduceRequest(dlq, consumed.key().isEmpty() ? null : consumed.key(), consumed.value(), envelope);
	}

	/**
	 * The binder's JSON record, its payload truncated if the whole would be larger than
	 * {@link #MAX_RECORD_BYTES}.
	 */
	static String record(ConsumedMessage consumed, String error, int inProcessAttempts) {
		Map<String, Object> record = new LinkedHashMap<>();
		record.put("payload", consumed.value());
		record.put("key", consumed.key());
		record.put("error", FailureReasons.cap(error));
		record.put("attempts", consumed.attempts());
		record.put("in_process_attempts", inProcessAttempts);
		record.put("topic", consumed.topic());
		record.put("group", consumed.group());
		record.put("partition", consumed.partition());
		record.put("offset", consumed.offset());
		String json = JSON.writeValueAsString(record);
		int limit = MAX_RECORD_BYTES - utf8(consumed.key());
		if (utf8(json) <= limit) {
			return json;
		}
		byte[] payload = consumed.value().getBytes(StandardCharsets.UTF_8);
		record.put("payload_truncated", true);
		record.put("payload_bytes", payload.length);
		record.put("payload_sha256", sha256(payload));
		record.put("payload", "");
		int available = limit - utf8(JSON.writeValueAsString(record));
		int room = available;
		// escaping can make the payload longer in JSON than in bytes: shrink in
		// proportion until the record fits
		while (room > 0) {
			String truncated = prefix(consumed.value(), room);
			record.put("payload", truncated);
			json = JSON.writeValueAsString(record);
			int payloadJsonBytes = utf8(json) - (limit - available);
			if (payloadJsonBytes <= available) {
				return json;
			}
			room = Math.min(room - 1, (int) ((long) utf8(truncated) * available / payloadJsonBytes));
		}
		record.put("payload", "");
		return JSON.writeValueAsString(record);
	}

	/**
	 * The longest prefix of {@code text} of at most {@code maxBytes} UTF-8 bytes (never
	 * splitting a character).
	 */
	private static String prefix(String text, int maxBytes) {
		int bytes = 0;
		int end = 0;
		while (end < text.length()) {
			int codePoint = text.codePointAt(end);
			int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
			if (bytes + size > maxBytes) {
				break;
			}
			bytes += size;
			end += Character.charCount(codePoint);
		}
		return text.substring(0, end);
	}

	private static int utf8(String text) {
		return (text != null) ? text.getBytes(StandardCharsets.UTF_8).length : 0;
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}
