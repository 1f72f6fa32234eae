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
 * The effect store could not be reached while claiming the effect (no connection within
 * the pool's connection timeout, connection refused or broken): <strong>the effect did
 * not run</strong>. Not a failure of the message: call again after {@link #retryAfter()}.
 * The DriftQ binder defers such a delivery without spending its retry budget.
 */
public class EffectStoreUnavailableException extends IdempotentEffectException {

	/** How long a caller waits before trying again. */
	public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	public EffectStoreUnavailableException(String effectId, String message, Throwable cause) {
		super(effectId, message, cause);
	}

	/**
	 * @return how long to wait before trying again (5 seconds)
	 */
	public Duration retryAfter() {
		return RETRY_AFTER;
	}

}
