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

package io.driftq.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * An ack or nack found the message no longer leased to this owner: another owner holds it
 * (409 {@code not owner}), or it is no longer in flight (400
 * {@code message is not in-flight}: already acked, its lease lapsed and it was
 * redelivered, or it moved to the dead letter topic). The message is being handled
 * elsewhere; do not retry.
 */
public class DriftqSettledElsewhereException extends DriftqException {

	public DriftqSettledElsewhereException(String message, int statusCode, @Nullable String errorCode,
			@Nullable String serverMessage, @Nullable Throwable cause) {
		super(message, statusCode, errorCode, serverMessage, cause);
	}

}
