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

package io.driftq.cloud.stream.binder.config;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link JsonByteArrayPassThroughMessageConverter} takes on (a JSON object's bytes
 * into a byte[], byte[] out, both under application/json) and what it leaves to the other
 * converters.
 */
class JsonByteArrayPassThroughMessageConverterTests {

	private final JsonByteArrayPassThroughMessageConverter converter = new JsonByteArrayPassThroughMessageConverter();

	@Test
	void aJsonObjectIntoByteArrayIsPassedThroughAsTheSameArray() {
		byte[] payload = " \n{\"id\":1}".getBytes(StandardCharsets.UTF_8);
		Message<?> message = message(payload, "application/json");
		assertThat(this.converter.fromMessage(message, byte[].class)).isSameAs(payload);
		assertThat(this.converter.fromMessage(message(payload, "application/json;charset=UTF-8"), byte[].class))
			.isSameAs(payload);
	}

	@Test
	void whatJacksonCanReadIntoByteArrayOrOtherTargetsAndContentTypesAreLeftAlone() {
		// a JSON string is Base64 to Jackson, a JSON array of numbers the bytes
		// themselves
		assertThat(this.converter.fromMessage(message(bytes("\"aGk=\""), "application/json"), byte[].class)).isNull();
		assertThat(this.converter.fromMessage(message(bytes("[1,2]"), "application/json"), byte[].class)).isNull();
		assertThat(this.converter.fromMessage(message(bytes(""), "application/json"), byte[].class)).isNull();
		assertThat(this.converter.fromMessage(message(bytes("{}"), "application/json"), Object.class)).isNull();
		assertThat(this.converter.fromMessage(message(bytes("{}"), "application/json"), String.class)).isNull();
		assertThat(this.converter.fromMessage(message("{}", "application/json"), byte[].class)).isNull();
		assertThat(this.converter.fromMessage(message(bytes("{}"), "text/plain"), byte[].class)).isNull();
		assertThat(this.converter.fromMessage(message(bytes("{}"), "application/octet-stream"), byte[].class)).isNull();
		assertThat(this.converter.fromMessage(message(bytes("{}"), "application/cloudevents+json"), byte[].class))
			.isNull();
		assertThat(this.converter.fromMessage(MessageBuilder.withPayload(bytes("{}")).build(), byte[].class)).isNull();
	}

	@Test
	void byteArrayOutUnderJsonIsTheSameArrayAndNothingElseIsTouched() {
		byte[] payload = bytes("{\"id\":1}");
		Message<?> out = this.converter.toMessage(payload, headers("application/json"));
		assertThat(out).isNotNull();
		assertThat(out.getPayload()).isSameAs(payload);
		assertThat(out.getHeaders().get(MessageHeaders.CONTENT_TYPE)).hasToString("application/json");
		assertThat(this.converter.toMessage("{\"id\":1}", headers("application/json"))).isNull();
		assertThat(this.converter.toMessage(Map.of("id", 1), headers("application/json"))).isNull();
		assertThat(this.converter.toMessage(payload, headers("text/plain"))).isNull();
		assertThat(this.converter.toMessage(payload, new MessageHeaders(Map.of()))).isNull();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static Message<?> message(Object payload, String contentType) {
		return MessageBuilder.withPayload(payload).setHeader(MessageHeaders.CONTENT_TYPE, contentType).build();
	}

	private static MessageHeaders headers(String contentType) {
		return new MessageHeaders(Map.of(MessageHeaders.CONTENT_TYPE, contentType));
	}

}
