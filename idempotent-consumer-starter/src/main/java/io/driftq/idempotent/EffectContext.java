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

import java.util.Optional;

/**
 * What the running effect knows about itself. Available through {@link #current()} inside
 * an {@link IdempotentEffect} method or an {@link EffectTemplate} callback. (Whether a
 * call's result was replayed instead of run is told by {@link EffectOutcome}, after the
 * call.)
 *
 * @param effectId the effect id ({@code run:step:businessKey}, possibly shortened)
 * @param idempotencyKey the key to pass to the downstream system: the effect id, after
 * the optional {@code driftq.effects.idempotency-key-prefix}; the same on every attempt
 * @param attempt the attempt number (1 for the first claim)
 * @param takenOver whether this attempt took over an earlier attempt's expired claim, so
 * the effect may already have happened downstream
 * @param fencingToken the fencing token of this attempt's claim
 */
public record EffectContext(String effectId, String idempotencyKey, int attempt, boolean takenOver, long fencingToken) {

	private static final ThreadLocal<EffectContext> CURRENT = new ThreadLocal<>();

	/**
	 * The context of the effect running on this thread.
	 * @return the context
	 * @throws IllegalStateException outside an effect
	 */
	public static EffectContext current() {
		EffectContext context = CURRENT.get();
		if (context == null) {
			throw new IllegalStateException("No idempotent effect is running on this thread");
		}
		return context;
	}

	/**
	 * @return the context of the effect running on this thread, if any
	 */
	public static Optional<EffectContext> find() {
		return Optional.ofNullable(CURRENT.get());
	}

	static EffectContext set(EffectContext context) {
		EffectContext previous = CURRENT.get();
		CURRENT.set(context);
		return previous;
	}

	static void restore(EffectContext previous) {
		if (previous == null) {
			CURRENT.remove();
		}
		else {
			CURRENT.set(previous);
		}
	}

}
