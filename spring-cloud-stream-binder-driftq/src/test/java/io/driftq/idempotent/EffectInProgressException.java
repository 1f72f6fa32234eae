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
 * Stands in for the idempotent-consumer starter's exception of the same name (the binder
 * has no dependency on the starter and matches deferred exceptions by class name):
 * another delivery holds the effect's claim.
 */
public class EffectInProgressException extends RuntimeException {

	private final Duration retryAfter;

	public EffectInProgressException(String message, Duration retryAfter) {
		super(message);
		this.retryAfter = retryAfter;
	}

	/** The claim's remaining lease. */
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
