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
 * Root of the failures a DriftQ call reports.
 */
public class DriftqException extends RuntimeException {

	private final int statusCode;

	private final @Nullable String errorCode;

	private final @Nullable String serverMessage;

	/**
	 * Create an exception for a server answer.
	 * @param message the description
	 * @param statusCode the HTTP status, or {@code 0} when no answer arrived
	 * @param errorCode the server's error code (e.g. {@code INVALID_ARGUMENT}), or
	 * {@code null}
	 * @param serverMessage the server's message, kept verbatim, or {@code null}
	 * @param cause the cause, or {@code null}
	 */
	public DriftqException(String message, int statusCode, @Nullable String errorCode, @Nullable String serverMessage,
			@Nullable Throwable cause) {
		super(message, cause);
		this.statusCode = statusCode;
		this.errorCode = errorCode;
		this.serverMessage = serverMessage;
	}

	/**
	 * The HTTP status of the answer.
	 * @return the status, or {@code 0} when no answer arrived
	 */
	public int getStatusCode() {
		return this.statusCode;
	}

	/**
	 * The server's error code, such as {@code INVALID_ARGUMENT} or
	 * {@code FAILED_PRECONDITION}.
	 * @return the code, or {@code null}
	 */
	public @Nullable String getErrorCode() {
		return this.errorCode;
	}

	/**
	 * The server's message, verbatim.
	 * @return the message, or {@code null}
	 */
	public @Nullable String getServerMessage() {
		return this.serverMessage;
	}

	/**
	 * Whether the same call may succeed if made again later.
	 * @return {@code false} unless a subclass says otherwise
	 */
	public boolean isRetryable() {
		return false;
	}

}
