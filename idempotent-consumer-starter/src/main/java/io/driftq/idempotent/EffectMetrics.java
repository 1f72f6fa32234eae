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
 * Receives effect events: {@code claimed}, {@code executed}, {@code replayed},
 * {@code in_progress} (a duplicate of a live claim), {@code lease_taken_over},
 * {@code lease_lost} (once per effect), {@code unknown}, {@code reconciled} and
 * {@code renewal_failed} (a lease renewal that could not reach the database).
 */
@FunctionalInterface
public interface EffectMetrics {

	/** Ignores every event. */
	EffectMetrics NONE = (event, step) -> {
	};

	/**
	 * Records one event.
	 * @param event the event name
	 * @param step the step id
	 */
	void record(String event, String step);

	/**
	 * Records how long an effect that ran took, claim to completion.
	 * @param step the step id
	 * @param nanos the duration
	 */
	default void executed(String step, long nanos) {
	}

	/**
	 * Records finished rows deleted by the retention reaper.
	 * @param rows how many
	 */
	default void reaped(int rows) {
	}

	/**
	 * Records finished rows removed by the retention reaper.
	 * @param rows how many
	 * @param mode how they were removed: {@code delete} or {@code archive}
	 */
	default void reaped(int rows, String mode) {
		reaped(rows);
	}

}
