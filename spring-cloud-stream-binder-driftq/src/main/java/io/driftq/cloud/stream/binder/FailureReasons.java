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

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.converter.MessageConversionException;

/**
 * What a failure is and how it is told: the handler's own exception rather than Spring
 * Integration's wrapper, and a conversion failure named as such.
 * <p>
 * Spring Cloud Function 5 does not report a payload its converters cannot read: the
 * failed conversion is logged and the raw {@code byte[]} handed on to the function, which
 * then fails with {@code ClassCastException: [B cannot be
 * cast to ...}. For such a failure the payload is parsed again with Jackson so that the
 * reason names the real parse error.
 */
final class FailureReasons {

	/** Longest reason or error text sent to DriftQ or written in a dead letter record. */
	static final int MAX_REASON_CHARS = 1000;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private FailureReasons() {
	}

	/** The handler's own exception, below Spring's messaging wrappers. */
	static Throwable unwrap(Throwable failure) {
		Throwable cause = failure;
		while (cause instanceof MessagingException && cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause;
	}

	/**
	 * Whether the payload can never become the handler's type: a
	 * {@link MessageConversionException}, or the {@code ClassCastException} of a payload
	 * Spring Cloud Function handed on unconverted.
	 */
	static boolean isConversionFailure(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof MessageConversionException || cause instanceof ClassCastException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The reason of {@code failure}: class and message of the handler's exception,
	 * capped.
	 */
	static String reason(Throwable failure) {
		Throwable cause = unwrap(failure);
		return cap(cause.getClass().getName() + ": " + cause.getMessage());
	}

	/**
	 * The reason of {@code failure} of {@code message}; a payload handed on unconverted
	 * is parsed again to name the parse error.
	 */
	static String reason(Throwable failure, @Nullable Message<?> message) {
		Throwable cause = unwrap(failure);
		if (message != null && cause instanceof ClassCastException && String.valueOf(cause.getMessage()).contains("[B")
				&& message.getPayload() instanceof byte[] payload) {
			if (isJson(message.getHeaders().get(MessageHeaders.CONTENT_TYPE))) {
				try {
					JSON.readTree(new String(payload, StandardCharsets.UTF_8));
				}
				catch (JacksonException ex) {
					return cap(
							"payload is not valid JSON (" + ex.getClass().getName() + "): " + ex.getOriginalMessage());
				}
			}
			return cap("payload could not be converted to the handler's input type (Spring Cloud Function handed the"
					+ " raw bytes on): " + cause.getClass().getName() + ": " + cause.getMessage());
		}
		return reason(cause);
	}

	private static boolean isJson(@Nullable Object contentType) {
		return contentType == null || contentType.toString().contains("json");
	}

	static String cap(String text) {
		return (text.length() > MAX_REASON_CHARS) ? text.substring(0, MAX_REASON_CHARS) : text;
	}

}
