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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.integration.IntegrationMessageHeaderAccessor;
import org.springframework.messaging.MessageHeaders;
import org.springframework.util.MimeType;
import org.springframework.util.PatternMatchUtils;

/**
 * DriftQ carries no message headers. With {@code embedded-headers} on a producer binding,
 * the chosen headers travel inside the value, as JSON:
 * {@code {"@driftq":{"v":1,"headers":{...}},"payload":"<the value>"}}; consumer bindings
 * unwrap it (unless {@code extract-embedded-headers} is off). Numbers and booleans keep
 * their JSON type (Spring Integration insists that e.g. {@code sequenceNumber} is a
 * number); other values travel as text. Off by default, so that non-Java consumers (the
 * Python worker) keep seeing the plain value.
 */
final class EmbeddedHeaders {

	static final String MARKER = "@driftq";

	private static final String PREFIX = "{\"" + MARKER + "\":";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private EmbeddedHeaders() {
	}

	/**
	 * The headers to embed: those matching the patterns ({@code *} wildcards), without
	 * the binder's own {@code driftq_*} headers and Spring's per-message ones.
	 */
	static Map<String, Object> select(MessageHeaders headers, List<String> patterns) {
		Map<String, Object> selected = new LinkedHashMap<>();
		String[] patternArray = patterns.toArray(String[]::new);
		headers.forEach((name, value) -> {
			if (value == null || name.startsWith("driftq_") || MessageHeaders.ID.equals(name)
					|| MessageHeaders.TIMESTAMP.equals(name)
					|| IntegrationMessageHeaderAccessor.ACKNOWLEDGMENT_CALLBACK.equals(name)
					|| !PatternMatchUtils.simpleMatch(patternArray, name)) {
				return;
			}
			if (value instanceof Number || value instanceof Boolean) {
				selected.put(name, value);
			}
			else if (value instanceof CharSequence || value instanceof MimeType) {
				selected.put(name, value.toString());
			}
		});
		return selected;
	}

	static String embed(String value, Map<String, ?> headers) {
		Map<String, Object> meta = new LinkedHashMap<>();
		meta.put("v", 1);
		meta.put("headers", headers);
		Map<String, Object> wrapper = new LinkedHashMap<>();
		wrapper.put(MARKER, meta);
		wrapper.put("payload", value);
		return JSON.writeValueAsString(wrapper);
	}

	/**
	 * @return the value and headers of an embedded-headers value, or {@code null} when
	 * the value is not one
	 */
	static @Nullable Unwrapped extract(@Nullable String value) {
		if (value == null || !value.startsWith(PREFIX)) {
			return null;
		}
		try {
			JsonNode root = JSON.readTree(value);
			JsonNode payload = root.get("payload");
			JsonNode headers = root.path(MARKER).path("headers");
			if (payload == null || !payload.isString() || !headers.isObject()) {
				return null;
			}
			Map<String, Object> restored = new LinkedHashMap<>();
			headers.properties().forEach((entry) -> restored.put(entry.getKey(), scalar(entry.getValue())));
			return new Unwrapped(payload.asString(), restored);
		}
		catch (JacksonException ex) {
			return null; // not ours after all: delivered as it is
		}
	}

	private static Object scalar(JsonNode node) {
		if (node.isIntegralNumber()) {
			return node.canConvertToInt() ? (Object) node.intValue() : (Object) node.longValue();
		}
		if (node.isFloatingPointNumber()) {
			return node.doubleValue();
		}
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		return node.asString();
	}

	record Unwrapped(String payload, Map<String, Object> headers) {
	}

}
