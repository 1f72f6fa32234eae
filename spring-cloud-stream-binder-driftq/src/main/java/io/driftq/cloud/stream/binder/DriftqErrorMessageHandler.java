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

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.ErrorMessage;

/**
 * The binder's handler on a consumer binding's error channel
 * ({@code getErrorMessageHandler} and {@code getPolledConsumerErrorMessageHandler}),
 * reached through Spring Cloud Stream's {@code ErrorMessageSendingRecoverer} once the
 * in-process attempts are used up. It settles the failed delivery by the failure model
 * through the delivery's {@link DriftqAcknowledgmentCallback}, i.e. the binding's
 * {@link DriftqConsumerSettlement} and its {@link DriftqDeadLetterPublisher}: nacked
 * while the message's budget allows, dead-lettered once it is spent or when it can never
 * succeed; a polled delivery with a deferred exception is held for a later poll.
 * Subscribed first, it runs before the application's own subscribers of the error
 * channel, which still receive the {@link ErrorMessage} (with the delivery already
 * settled).
 */
final class DriftqErrorMessageHandler implements MessageHandler {

	private static final Log logger = LogFactory.getLog(DriftqErrorMessageHandler.class);

	private final int defaultAttempts;

	/**
	 * @param defaultAttempts in-process attempts to record when the error message does
	 * not say
	 */
	DriftqErrorMessageHandler(int defaultAttempts) {
		this.defaultAttempts = Math.max(1, defaultAttempts);
	}

	@Override
	public void handleMessage(Message<?> message) {
		if (!(message instanceof ErrorMessage error)) {
			logger.error("Expected an ErrorMessage on a DriftQ consumer binding's error channel, not " + message);
			return;
		}
		Throwable failure = error.getPayload();
		Message<?> original = error.getOriginalMessage();
		Message<?> failed = (failure instanceof MessagingException ex) ? ex.getFailedMessage() : null;
		if (failed == null || (DriftqErrorMessageStrategy.driftq(failed) == null
				&& DriftqErrorMessageStrategy.driftq(original) != null)) {
			failed = original;
		}
		DriftqAcknowledgmentCallback callback = DriftqErrorMessageStrategy.driftq(error);
		if (callback == null) {
			callback = DriftqErrorMessageStrategy.driftq(failed);
		}
		if (callback == null) {
			logger.warn("No DriftQ delivery on the error message; it is left to Spring Cloud Stream: " + failure);
			return;
		}
		Object attempts = error.getHeaders().get(DriftqHeaders.IN_PROCESS_ATTEMPTS);
		callback.failed(failure, failed, (attempts instanceof Integer count) ? count : this.defaultAttempts);
	}

	@Override
	public String toString() {
		return "DriftqErrorMessageHandler";
	}

}
