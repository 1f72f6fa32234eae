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
 * What an {@link EffectCheckpoint} threw, on its way to the caller of the effect: wrapped
 * so that no failure handling on the way (releasing or failing the claim) sees it, since
 * a checkpoint simulates a death, after which no bookkeeping happens.
 * {@link EffectObservation} unwraps it.
 */
final class CheckpointStop extends RuntimeException {

	private final Throwable cause;

	CheckpointStop(Throwable cause) {
		super(null, cause, false, false);
		this.cause = cause;
	}

	@Override
	public synchronized Throwable getCause() {
		return this.cause;
	}

}
