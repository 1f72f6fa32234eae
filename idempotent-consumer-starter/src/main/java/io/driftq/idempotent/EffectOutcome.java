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

import org.jspecify.annotations.Nullable;

/**
 * How one effect call ended: its result and whether that result was replayed from the
 * effect table (the method did not run) or produced by running the effect now.
 *
 * <p>
 * {@link EffectTemplate#executeForOutcome} returns it. For {@link IdempotentEffect}
 * methods, whose return type is the result itself, {@link #last()} gives the outcome of
 * the last effect call that returned on this thread.
 *
 * @param <T> the result type
 * @param result the result (after any {@link EffectReplayHook}), {@code null} for void
 * effects and results not stored
 * @param replayed {@code true} when the effect had succeeded earlier and its stored
 * result was returned without running it; {@code false} when it ran in this call (or a
 * reconciler found it had happened and its result was stored now)
 * @param effectId the effect id
 * @param idempotencyKey the downstream idempotency key
 * ({@link EffectContext#idempotencyKey()})
 * @param attempt the attempt that ran the effect: this call's, or for a replay the stored
 * row's attempt count
 */
public record EffectOutcome<T>(@Nullable T result, boolean replayed, String effectId, String idempotencyKey,
		int attempt) {

	private static final ThreadLocal<EffectOutcome<?>> LAST = new ThreadLocal<>();

	/**
	 * The outcome of the last effect call on this thread that returned normally. Every
	 * call clears it when it starts, so after a call that threw it is empty; an effect
	 * called inside another effect's method is overwritten by the outer call when that
	 * returns.
	 * @return the outcome, if the last call returned
	 */
	public static Optional<EffectOutcome<?>> last() {
		return Optional.ofNullable(LAST.get());
	}

	/**
	 * Forgets the outcome of the last call on this thread. Every effect call does this
	 * when it starts (the aspect before it even evaluates the key).
	 */
	public static void clearLast() {
		LAST.remove();
	}

	static void setLast(EffectOutcome<?> outcome) {
		LAST.set(outcome);
	}

}
