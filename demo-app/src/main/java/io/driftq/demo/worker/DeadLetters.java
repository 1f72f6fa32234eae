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

package io.driftq.demo.worker;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import io.driftq.client.DriftqClient;
import io.driftq.client.model.Envelope;
import io.driftq.client.model.ProduceRequest;
import io.driftq.demo.Topics;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Writes the Python starter's DLQ record ({@code type = "sidefx.dlq"}) for a run that
 * used up its attempts, a command that cannot be handled, or a payload that is not a
 * command at all. Every record fits DriftQ's limit (key + value below 64 KiB): a large
 * command is cut to {@value #MAX_PAYLOAD_CHARS} characters and the record says so
 * ({@code payload_truncated}, {@code payload_bytes}, {@code payload_sha256} of the
 * whole). Failures propagate: the command is then not acked and comes back.
 */
@Component
class DeadLetters {

	/**
	 * Room for the payload in a record; the rest of 64 KiB is left for the other fields.
	 */
	static final int MAX_PAYLOAD_CHARS = 16 * 1024;

	static final int MAX_ERROR_CHARS = 2000;

	private final DriftqClient client;

	private final JsonMapper json;

	DeadLetters(DriftqClient client, JsonMapper json) {
		this.client = client;
		this.json = json;
	}

	void publish(String runId, String stepId, String businessKey, int attempt, int maxAttempts, String error,
			Object command) {
		Map<String, Object> record = record(error);
		record.put("run_id", runId);
		record.put("step_id", stepId);
		record.put("business_key", businessKey);
		record.put("attempt", attempt);
		record.put("max_attempts", maxAttempts);
		String commandJson = this.json.writeValueAsString(command);
		if (commandJson.length() > MAX_PAYLOAD_CHARS) {
			putPayload(record, commandJson);
		}
		else {
			record.put("command", command);
		}
		// a command without run or business key has no stable identity to dedupe on
		Envelope envelope = (runId != null && businessKey != null)
				? Envelope.builder().idempotencyKey("dlq:" + runId + ":" + stepId + ":" + businessKey).build() : null;
		produce(runId, record, envelope);
	}

	/**
	 * A payload that is not a command (not JSON, or not the command's shape).
	 * @param payload the message's value as text
	 * @param error the parse error
	 * @param source where it was read ({@code topic/partition/offset}), or {@code null}
	 */
	void publishMalformed(String payload, String error, String source) {
		Map<String, Object> record = record(error);
		record.put("source", source);
		putPayload(record, payload);
		produce(null, record, null);
	}

	private static Map<String, Object> record(String error) {
		Map<String, Object> record = new LinkedHashMap<>();
		record.put("ts", System.currentTimeMillis());
		record.put("type", "sidefx.dlq");
		record.put("error", (error != null && error.length() > MAX_ERROR_CHARS)
				? error.substring(0, MAX_ERROR_CHARS) + "…" : error);
		return record;
	}

	private static void putPayload(Map<String, Object> record, String payload) {
		boolean truncated = payload.length() > MAX_PAYLOAD_CHARS;
		record.put("payload", truncated ? payload.substring(0, MAX_PAYLOAD_CHARS) : payload);
		record.put("payload_truncated", truncated);
		byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
		record.put("payload_bytes", bytes.length);
		record.put("payload_sha256", sha256(bytes));
	}

	private void produce(String key, Map<String, Object> record, Envelope envelope) {
		this.client.createTopic(Topics.DLQ, 1);
		this.client.produce(new ProduceRequest(Topics.DLQ, key, this.json.writeValueAsString(record), envelope));
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
