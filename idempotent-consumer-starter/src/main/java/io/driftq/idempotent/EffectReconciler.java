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
 * Decides what happened to an effect whose claim expired without a recorded outcome, for
 * effects with {@link ExpiredClaimPolicy#RECONCILE}: typically by asking the downstream
 * system about {@link ExpiredEffect#idempotencyKey()} ("is there a charge with this
 * key?").
 *
 * <p>
 * Declare it as a Spring bean. It is called by the attempt that has just taken the
 * expired claim over, so at most one reconciliation of an effect runs at a time. If it
 * throws, the claim stays until its lease expires and the next attempt asks again.
 */
@FunctionalInterface
public interface EffectReconciler {

	/**
	 * Whether this reconciler handles the step (several reconcilers may each handle some
	 * steps).
	 * @param stepId the step id
	 * @return {@code true} by default
	 */
	default boolean supports(String stepId) {
		return true;
	}

	/**
	 * @param effect the expired effect
	 * @return the verdict
	 */
	Reconciliation reconcile(ExpiredEffect effect);

	/**
	 * An effect whose claim expired without an outcome.
	 *
	 * @param effectId the effect id
	 * @param runId the run id
	 * @param stepId the step id
	 * @param businessKey the business key
	 * @param idempotencyKey the downstream idempotency key every attempt was given
	 * @param attempts how many attempts claimed it so far, this one included
	 */
	record ExpiredEffect(String effectId, String runId, String stepId, String businessKey, String idempotencyKey,
			int attempts) {
	}

}
