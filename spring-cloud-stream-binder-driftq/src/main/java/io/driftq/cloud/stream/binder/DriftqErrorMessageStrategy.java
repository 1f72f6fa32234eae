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

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.core.AttributeAccessor;
import org.springframework.integration.IntegrationMessageHeaderAccessor;
import org.springframework.integration.StaticMessageHeaderAccessor;
import org.springframework.integration.acks.AcknowledgmentCallback;
import org.springframework.integration.support.ErrorMessageStrategy;
import org.springframework.integration.support.ErrorMessageUtils;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.ErrorMessage;

/**
 * Builds the {@link ErrorMessage}s of DriftQ consumer bindings (push and polled), as the
 * Kafka binder's {@code RawRecordHeaderErrorMessageStrategy} does: besides the failure
 * and the original message, the error message carries the raw DriftQ delivery
 * ({@link IntegrationMessageHeaderAccessor#SOURCE_DATA}, a
 * {@link io.driftq.client.model.ConsumedMessage}), its acknowledgment callback (the
 * binder's error handler settles the delivery through it, once) and
 * {@link DriftqHeaders#IN_PROCESS_ATTEMPTS}.
 */
final class DriftqErrorMessageStrategy implements ErrorMessageStrategy {

	/**
	 * Context attribute: the delivery's callback (push consumers, whose messages carry
	 * none in AUTO mode).
	 */
	static final String CALLBACK_ATTRIBUTE = "driftqAcknowledgmentCallback";

	/** Context attribute: the in-process attempts made in this delivery. */
	static final String ATTEMPTS_ATTRIBUTE = "driftqInProcessAttempts";

	@Override
	public ErrorMessage buildErrorMessage(Throwable throwable, @Nullable AttributeAccessor attributes) {
		Message<?> input = null;
		if (attributes != null
				&& attributes.getAttribute(ErrorMessageUtils.INPUT_MESSAGE_CONTEXT_KEY) instanceof Message<?> message) {
			input = message;
		}
		Map<String, Object> headers = new HashMap<>();
		DriftqAcknowledgmentCallback callback = callback(attributes, input);
		if (callback != null) {
			headers.put(IntegrationMessageHeaderAccessor.SOURCE_DATA, callback.consumed());
			headers.put(IntegrationMessageHeaderAccessor.ACKNOWLEDGMENT_CALLBACK, callback);
		}
		if (attributes != null && attributes.getAttribute(ATTEMPTS_ATTRIBUTE) instanceof Integer attempts) {
			headers.put(DriftqHeaders.IN_PROCESS_ATTEMPTS, attempts);
		}
		return (input != null) ? new ErrorMessage(throwable, headers, input) : new ErrorMessage(throwable, headers);
	}

	private static @Nullable DriftqAcknowledgmentCallback callback(@Nullable AttributeAccessor attributes,
			@Nullable Message<?> input) {
		if (attributes == null) {
			return driftq(input);
		}
		if (attributes.getAttribute(CALLBACK_ATTRIBUTE) instanceof DriftqAcknowledgmentCallback callback) {
			return callback;
		}
		if (attributes.getAttribute(ErrorMessageUtils.FAILED_MESSAGE_CONTEXT_KEY) instanceof Message<?> message) {
			DriftqAcknowledgmentCallback failed = driftq(message);
			if (failed != null) {
				return failed;
			}
		}
		return driftq(input);
	}

	static @Nullable DriftqAcknowledgmentCallback driftq(@Nullable Message<?> message) {
		if (message == null) {
			return null;
		}
		AcknowledgmentCallback callback = StaticMessageHeaderAccessor.getAcknowledgmentCallback(message);
		return (callback instanceof DriftqAcknowledgmentCallback driftq) ? driftq : null;
	}

}
