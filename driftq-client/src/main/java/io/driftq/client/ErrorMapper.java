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

package io.driftq.client;

import io.driftq.client.WireFormat.ErrorBody;
import io.driftq.client.exception.DriftqException;
import io.driftq.client.exception.DriftqIdempotencyKeyInFlightException;
import io.driftq.client.exception.DriftqInvalidArgumentException;
import io.driftq.client.exception.DriftqSettledElsewhereException;
import io.driftq.client.exception.DriftqTopicNotFoundException;
import io.driftq.client.exception.DriftqUnavailableException;
import org.jspecify.annotations.Nullable;

/**
 * Turns a non-2xx answer into a typed exception. DriftQ reports most failures as 400
 * {@code INVALID_ARGUMENT}, so the kind is read from its message text, which is matched
 * loosely to survive small wording changes.
 */
final class ErrorMapper {

	private ErrorMapper() {
	}

	static DriftqException map(String operation, int status, @Nullable ErrorBody body) {
		String code = (body != null) ? body.error() : null;
		String serverMessage = (body != null) ? body.message() : null;
		String text = (serverMessage != null) ? serverMessage.toLowerCase(java.util.Locale.ROOT) : "";
		String message = operation + " failed: HTTP " + status + ((code != null) ? " " + code : "")
				+ ((serverMessage != null) ? " '" + serverMessage + "'" : "");
		if (status >= 500) {
			return new DriftqUnavailableException(message, status, code, serverMessage, null);
		}
		if (status == 409 || text.contains("not owner") || text.contains("not in-flight")
				|| text.contains("lease lost")) {
			return new DriftqSettledElsewhereException(message, status, code, serverMessage, null);
		}
		// "topic does not exist" on the pinned server; newer servers' consume says "topic
		// not found: <name>"
		if (text.contains("topic does not exist") || text.contains("topic not found")) {
			return new DriftqTopicNotFoundException(message, status, code, serverMessage, null);
		}
		if (text.contains("already in-flight")) {
			return new DriftqIdempotencyKeyInFlightException(message, status, code, serverMessage, null);
		}
		return new DriftqInvalidArgumentException(message, status, code, serverMessage, null);
	}

}
