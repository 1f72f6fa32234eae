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

package io.driftq.idempotent;

import java.time.Duration;

/**
 * Another attempt holds a live claim on the effect. Not a failure: come back after
 * {@link #retryAfter()}, when the other attempt has finished (its result is then
 * replayed) or its claim has expired. The DriftQ binder defers such a delivery without
 * spending its retry budget.
 */
public class EffectInProgressException extends IdempotentEffectException {

	private final Duration retryAfter;

	public EffectInProgressException(String effectId, String message) {
		this(effectId, message, Duration.ZERO);
	}

	/**
	 * @param effectId the effect id
	 * @param message the message
	 * @param retryAfter the claim's remaining lease (database clock); negative values
	 * count as zero
	 */
	public EffectInProgressException(String effectId, String message, Duration retryAfter) {
		super(effectId, message);
		this.retryAfter = (retryAfter == null || retryAfter.isNegative()) ? Duration.ZERO : retryAfter;
	}

	/**
	 * @return the claim's remaining lease when it was seen, on the database clock; never
	 * negative. The claim's holder may renew it, so the effect may still be in progress
	 * then.
	 */
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
