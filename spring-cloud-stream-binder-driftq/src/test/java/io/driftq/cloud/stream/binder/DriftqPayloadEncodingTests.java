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

import org.junit.jupiter.api.Test;

import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.MessageHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Pure unit tests of how outgoing payloads become DriftQ's text values.
 */
class DriftqPayloadEncodingTests {

	@Test
	void utf8BytesAreSentAsTextWhateverTheContentType() {
		byte[] bytes = "{\"name\":\"Zoë ✓\"}".getBytes(StandardCharsets.UTF_8);
		assertThat(DriftqProducerMessageHandler.encodeValue(
				MessageBuilder.withPayload(bytes).setHeader(MessageHeaders.CONTENT_TYPE, "application/json").build()))
			.isEqualTo("{\"name\":\"Zoë ✓\"}");
		assertThat(DriftqProducerMessageHandler.encodeValue(MessageBuilder.withPayload(bytes)
			.setHeader(MessageHeaders.CONTENT_TYPE, "application/octet-stream")
			.build())).isEqualTo("{\"name\":\"Zoë ✓\"}");
		assertThat(DriftqProducerMessageHandler.encodeValue(MessageBuilder.withPayload("text").build()))
			.isEqualTo("text");
	}

	@Test
	void nonUtf8BytesAreRefusedWithAClearError() {
		byte[] binary = { (byte) 0xff, (byte) 0xfe, 0x00, (byte) 0xc3 };
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DriftqProducerMessageHandler.encodeValue(MessageBuilder.withPayload(binary)
				.setHeader(MessageHeaders.CONTENT_TYPE, "application/octet-stream")
				.build()))
			.withMessageContaining("not valid UTF-8")
			.withMessageContaining("Base64-encode");
	}

}
