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

import io.driftq.client.model.ConsumedMessage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A binder dead letter record always fits: a large payload is cut (escaping and
 * multi-byte text included).
 */
class DriftqDeadLetterRecordTests {

	private static ConsumedMessage consumed(String value) {
		return new ConsumedMessage("orders", "workers", "owner", 0, 42, 5, "k", value, "", null, null);
	}

	@Test
	void aSmallPayloadIsKeptWhole() {
		JsonNode record = JsonMapper.builder()
			.build()
			.readTree(DriftqDeadLetterPublisher.record(consumed("{\"id\":1}"), "boom", 3));
		assertThat(record.get("payload").asString()).isEqualTo("{\"id\":1}");
		assertThat(record.has("payload_truncated")).isFalse();
		assertThat(record.get("offset").asLong()).isEqualTo(42);
	}

	@Test
	void aLargePayloadOfQuotesAndMultiByteTextIsCutToFit() {
		String value = "\"é\u0001".repeat(20_000);
		String json = DriftqDeadLetterPublisher.record(consumed(value), "x".repeat(5000), 1);
		assertThat(json.getBytes(StandardCharsets.UTF_8).length + 1)
			.isLessThanOrEqualTo(DriftqDeadLetterPublisher.MAX_RECORD_BYTES);
		JsonNode record = JsonMapper.builder().build().readTree(json);
		assertThat(record.get("payload_truncated").asBoolean()).isTrue();
		assertThat(record.get("payload_bytes").asInt()).isEqualTo(value.getBytes(StandardCharsets.UTF_8).length);
		assertThat(value).startsWith(record.get("payload").asString());
		assertThat(record.get("payload").asString()).isNotEmpty();
		assertThat(record.get("error").asString()).hasSize(FailureReasons.MAX_REASON_CHARS);
	}

}
