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

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The server refused a produce because the target partition is full (HTTP 429
 * {@code RESOURCE_EXHAUSTED}), and the client's bound honouring {@code Retry-After} ran
 * out: a number of retries, or the time a produce may wait for room
 * ({@link #getWaited()}). A partition is full when 100 messages or 64 KiB sit above the
 * committed offset of the slowest group that has acked on the topic.
 */
public class DriftqOverloadedException extends DriftqException {

	private final Duration retryAfter;

	private final int attempts;

	private final Duration waited;

	public DriftqOverloadedException(String message, @Nullable String serverMessage, Duration retryAfter,
			int attempts) {
		this(message, serverMessage, retryAfter, attempts, Duration.ZERO);
	}

	/**
	 * @param message the description
	 * @param serverMessage the server's message, or {@code null}
	 * @param retryAfter the server's last {@code Retry-After}
	 * @param attempts how many times the produce was sent
	 * @param waited how long the produce waited for room since the first 429
	 */
	public DriftqOverloadedException(String message, @Nullable String serverMessage, Duration retryAfter, int attempts,
			Duration waited) {
		super(message, 429, "RESOURCE_EXHAUSTED", serverMessage, null);
		this.retryAfter = retryAfter;
		this.attempts = attempts;
		this.waited = waited;
	}

	/**
	 * The server's last {@code Retry-After}.
	 * @return the delay it asked for
	 */
	public Duration getRetryAfter() {
		return this.retryAfter;
	}

	/**
	 * How many times the produce was sent.
	 * @return the attempts
	 */
	public int getAttempts() {
		return this.attempts;
	}

	/**
	 * How long the produce waited for room before giving up.
	 * @return the time since the first 429, zero when it did not wait
	 */
	public Duration getWaited() {
		return this.waited;
	}

	@Override
	public boolean isRetryable() {
		return true;
	}

}
