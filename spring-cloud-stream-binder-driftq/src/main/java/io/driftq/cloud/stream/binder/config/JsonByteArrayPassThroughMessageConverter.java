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

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.AbstractMessageConverter;
import org.springframework.util.MimeTypeUtils;

/**
 * Passes a {@code byte[]} payload through unchanged where Spring Cloud Function's JSON
 * conversion would end with the same bytes, only slower: under {@code application/json}
 * (Spring Cloud Stream's default content type),
 * <ul>
 * <li>into a {@code byte[]} (a {@code Consumer<byte[]>},
 * {@code Consumer<Message<byte[]>>}, a function taking {@code byte[]}) when the payload
 * is a JSON object: the JSON converters ask Jackson to read the object into a
 * {@code byte[]}, which always fails with an exception (Spring Cloud Stream's and Spring
 * Cloud Function's JSON converter each try, so two per message); Spring Cloud Function
 * then passes the message on unconverted;</li>
 * <li>from a {@code byte[]} (StreamBridge sends, functions returning {@code byte[]}): the
 * JSON converters return the bytes as they are after parsing them to see whether they are
 * JSON (and, for a JSON object, an {@code Integer.parseInt} that throws).</li>
 * </ul>
 * Anything else is left to the other converters exactly as before: other target or
 * payload types, other content types (also {@code application/*+json} and CloudEvents),
 * and payloads that Jackson can read into a {@code byte[]} (a JSON string is read as
 * Base64, a JSON array of numbers as the bytes) or that do not start with <code>{</code>.
 * Registered by {@link DriftqMessageConversionAutoConfiguration}; Spring Cloud Function
 * and Stream put the application's {@code MessageConverter} beans before their own.
 */
public class JsonByteArrayPassThroughMessageConverter extends AbstractMessageConverter {

	public JsonByteArrayPassThroughMessageConverter() {
		super(MimeTypeUtils.APPLICATION_JSON);
		// a message without a content type is left alone (Spring Cloud Stream always sets
		// one on its bindings)
		setStrictContentTypeMatch(true);
	}

	@Override
	protected boolean supports(Class<?> clazz) {
		return clazz == byte[].class;
	}

	@Override
	protected boolean canConvertFrom(Message<?> message, Class<?> targetClass) {
		return targetClass == byte[].class && message.getPayload() instanceof byte[] bytes && isJsonObject(bytes)
				&& supportsMimeType(message.getHeaders());
	}

	@Override
	protected Object convertFromInternal(Message<?> message, Class<?> targetClass, @Nullable Object conversionHint) {
		return message.getPayload();
	}

	@Override
	protected boolean canConvertTo(Object payload, @Nullable MessageHeaders headers) {
		return payload instanceof byte[] && supportsMimeType(headers);
	}

	@Override
	protected Object convertToInternal(Object payload, @Nullable MessageHeaders headers,
			@Nullable Object conversionHint) {
		return payload;
	}

	/**
	 * Whether the first byte after JSON whitespace is <code>{</code>: Jackson cannot read
	 * that into a byte[].
	 */
	static boolean isJsonObject(byte[] payload) {
		for (byte b : payload) {
			if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
				return b == '{';
			}
		}
		return false;
	}

}
