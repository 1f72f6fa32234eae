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

package io.driftq.idempotent.test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.driftq.idempotent.EffectCheckpoint;
import io.driftq.idempotent.EffectKey;
import io.driftq.idempotent.EffectStore;
import org.jspecify.annotations.Nullable;

/**
 * Crash injection for tests of code that uses {@code @IdempotentEffect}: arm a point, run
 * the code, and the next matching effect "dies" there, leaving the effect table as a
 * killed process would. Then expire the dead claim's lease and redeliver to check that
 * your policy does what you expect.
 *
 * <p>
 * Declare it as a bean in a test configuration; the starter's auto-configuration hands it
 * to the {@code EffectTemplate}: <pre>{@code
 * &#64;TestConfiguration
 * class CrashPoints {
 *

&#64;Bean
 *     EffectCrashPoints effectCrashPoints(EffectStore store) {
 *         return new EffectCrashPoints(store);
 *     }
 * }
 * }</pre>
 *
 * <p>
 * In-process crashes throw {@link SimulatedCrash}; {@link #haltOnce} instead halts the
 * JVM (no shutdown hooks, like {@code kill -9}) for tests that run the application as a
 * separate process.
 */
public class EffectCrashPoints implements EffectCheckpoint {

	private final EffectStore store;

	private final List<Arm> armed = new CopyOnWriteArrayList<>();

	private final AtomicInteger crashes = new AtomicInteger();

	public EffectCrashPoints(EffectStore store) {
		this.store = store;
	}

	/**
	 * The next effect of {@code step} that reaches {@code point} throws
	 * {@link SimulatedCrash}.
	 * @param point the point
	 * @param step the step id, or {@code null} for any
	 * @return this
	 */
	public EffectCrashPoints crashOnce(Point point, String step) {
		this.armed.add(new Arm(point, step, null));
		return this;
	}

	/**
	 * The next effect of {@code step} that reaches {@code point} halts the JVM with
	 * {@code status}.
	 * @param point the point
	 * @param step the step id, or {@code null} for any
	 * @param status the exit status
	 * @return this
	 */
	public EffectCrashPoints haltOnce(Point point, String step, int status) {
		this.armed.add(new Arm(point, step, status));
		return this;
	}

	/**
	 * Removes every armed crash.
	 */
	public void disarm() {
		this.armed.clear();
	}

	/**
	 * @return how many simulated crashes happened
	 */
	public int crashes() {
		return this.crashes.get();
	}

	/**
	 * Ends the lease of a claim left by a crash now, instead of waiting for it, so that
	 * the next delivery applies the effect's expired-claim policy.
	 * @param effectId the effect id ({@link SimulatedCrash#getEffectId()})
	 * @throws IllegalStateException if the effect holds no live claim
	 */
	public void expireLease(String effectId) {
		if (!this.store.expireLease(effectId)) {
			throw new IllegalStateException("Effect '" + effectId + "' holds no claim with a lease");
		}
	}

	@Override
	public void reached(Point point, EffectKey key) {
		for (Arm arm : this.armed) {
			if (arm.matches(point, key) && this.armed.remove(arm)) {
				this.crashes.incrementAndGet();
				if (arm.haltStatus() != null) {
					System.err.println("EffectCrashPoints: halting " + point + " of effect '" + key.effectId() + "'");
					System.err.flush();
					Runtime.getRuntime().halt(arm.haltStatus());
				}
				throw new SimulatedCrash(point, key);
			}
		}
	}

	private record Arm(Point point, String step, @Nullable Integer haltStatus) {

		boolean matches(Point reached, EffectKey key) {
			return this.point == reached && (this.step == null || this.step.equals(key.stepId()));
		}

	}

}
