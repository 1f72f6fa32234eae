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

import io.driftq.idempotent.EffectCheckpoint;
import io.driftq.idempotent.EffectKey;

/**
 * Thrown by {@link EffectCrashPoints} where the process would have died. An
 * {@link Error}, so that application code catching {@code Exception} does not swallow it;
 * the effect template does no bookkeeping for it.
 */
public class SimulatedCrash extends Error {

	private final EffectCheckpoint.Point point;

	private final String effectId;

	public SimulatedCrash(EffectCheckpoint.Point point, EffectKey key) {
		super("Simulated crash " + point + " of effect '" + key.effectId() + "'");
		this.point = point;
		this.effectId = key.effectId();
	}

	/**
	 * @return where the process "died"
	 */
	public EffectCheckpoint.Point getPoint() {
		return this.point;
	}

	/**
	 * @return the effect it died in
	 */
	public String getEffectId() {
		return this.effectId;
	}

}
