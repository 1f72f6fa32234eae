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

import java.time.Instant;

import io.driftq.client.model.RetryPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.messaging.MessageHeaders;

/**
 * Reads the outgoing headers that set envelope fields of a produce: the retry policy
 * parts and the deadline.
 */
final class DriftqEnvelopeHeaders {

	private DriftqEnvelopeHeaders() {
	}

	/**
	 * The binding's retry policy ({@code defaults}), or one with the parts given by
	 * {@code driftq_retry_max_attempts}, {@code driftq_retry_backoff} and
	 * {@code driftq_retry_max_backoff} replaced.
	 */
	static RetryPolicy retryPolicy(MessageHeaders headers, RetryPolicy defaults) {
		Object attempts = headers.get(DriftqHeaders.RETRY_MAX_ATTEMPTS);
		Object backoff = headers.get(DriftqHeaders.RETRY_BACKOFF);
		Object maxBackoff = headers.get(DriftqHeaders.RETRY_MAX_BACKOFF);
		if (attempts == null && backoff == null && maxBackoff == null) {
			return defaults;
		}
		int maxAttempts = (attempts != null) ? Integer.parseInt(attempts.toString().trim()) : defaults.maxAttempts();
		if (maxAttempts < 2) {
			throw new IllegalArgumentException("Header " + DriftqHeaders.RETRY_MAX_ATTEMPTS
					+ " must be at least 2 (DriftQ dead-letters a message whose lease lapses once when max_attempts"
					+ " is 1), was " + attempts);
		}
		return new RetryPolicy(maxAttempts, millis(DriftqHeaders.RETRY_BACKOFF, backoff, defaults.backoffMs()),
				millis(DriftqHeaders.RETRY_MAX_BACKOFF, maxBackoff, defaults.maxBackoffMs()));
	}

	/**
	 * A back-off header: a {@link java.time.Duration}, milliseconds, or text such as
	 * {@code 500ms} or {@code PT2S}.
	 */
	static long millis(String header, @Nullable Object value, long fallback) {
		if (value == null) {
			return fallback;
		}
		long millis;
		if (value instanceof java.time.Duration duration) {
			millis = duration.toMillis();
		}
		else if (value instanceof Number number) {
			millis = number.longValue();
		}
		else {
			try {
				millis = DurationStyle.detectAndParse(value.toString().trim()).toMillis();
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("Header " + header + " must be a duration such as 500ms or PT2S,"
						+ " or milliseconds, was '" + value + "'", ex);
			}
		}
		if (millis < 0) {
			throw new IllegalArgumentException("Header " + header + " must not be negative, was " + value);
		}
		return millis;
	}

	/**
	 * A deadline from a header or an expression: Instant, Date, epoch millis, or ISO-8601
	 * text.
	 */
	static @Nullable Instant deadline(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof Instant instant) {
			return instant;
		}
		if (value instanceof java.util.Date date) {
			return date.toInstant();
		}
		if (value instanceof Number millis) {
			return Instant.ofEpochMilli(millis.longValue());
		}
		return Instant.parse(value.toString());
	}

}
