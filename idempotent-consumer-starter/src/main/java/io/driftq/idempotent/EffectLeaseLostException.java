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
 * The attempt lost its claim (lease expired and another attempt took over) before
 * completing; its completion was rejected. Not a failure of the message: another attempt
 * owns the effect, so come back at once ({@link #retryAfter()} is zero) and see its
 * outcome.
 */
public class EffectLeaseLostException extends IdempotentEffectException {

	public EffectLeaseLostException(String effectId, String message) {
		super(effectId, message);
	}

	/**
	 * @return {@link Duration#ZERO}: another attempt owns the claim; the next call sees
	 * its outcome (or waits for it)
	 */
	public Duration retryAfter() {
		return Duration.ZERO;
	}

}
