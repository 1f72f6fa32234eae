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

/**
 * Called at the points where a process can die in the middle of an effect. Tests use it
 * to inject crashes ({@link io.driftq.idempotent.test.EffectCrashPoints}); applications
 * need none.
 *
 * <p>
 * Whatever {@link #reached} throws propagates to the caller with no bookkeeping, as if
 * the process had died there: the claim is neither released nor failed, its lease renewal
 * stops, and a local effect's transaction rolls back. The next delivery then finds what a
 * real crash would leave.
 */
@FunctionalInterface
public interface EffectCheckpoint {

	/** No checkpoint. */
	EffectCheckpoint NONE = (point, key) -> {
	};

	/**
	 * An effect reached a point.
	 * @param point the point
	 * @param key the effect's key
	 */
	void reached(Point point, EffectKey key);

	/**
	 * Where an effect can be interrupted.
	 */
	enum Point {

		/** The claim is held; the effect has not run. */
		AFTER_CLAIM,

		/**
		 * The effect ran; its completion is not stored (in local mode: not committed).
		 */
		AFTER_EFFECT,

		/**
		 * The completion is stored; the caller has not seen the result (e.g. the message
		 * is not acknowledged).
		 */
		AFTER_COMPLETION

	}

}
