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

import java.util.List;

import io.driftq.idempotent.EffectStore.ClaimResult;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;

/**
 * Settles an expired claim that was just taken over, for
 * {@link ExpiredClaimPolicy#RECONCILE} effects: asks the first {@link EffectReconciler}
 * that supports the step whether the effect happened, and stores the verdict.
 */
final class ExpiredClaimReconciliation {

	private final EffectStore store;

	private final EffectResultCodec codec;

	private volatile List<EffectReconciler> reconcilers = List.of();

	ExpiredClaimReconciliation(EffectStore store, EffectResultCodec codec) {
		this.store = store;
		this.codec = codec;
	}

	void setReconcilers(List<EffectReconciler> reconcilers) {
		this.reconcilers = List.copyOf(reconcilers);
	}

	/**
	 * Reconciles the effect: stores it as succeeded if it happened, as unknown if nobody
	 * can tell.
	 * @param definition the definition
	 * @param claim the claim that took the expired one over
	 * @param idempotencyKey the effect's downstream idempotency key
	 * @param resultType the result type ({@code void} for none)
	 * @param observation the call's observation
	 * @return the outcome if the effect happened, {@code null} if it did not and runs now
	 * @throws EffectOutcomeUnknownException if the reconciler cannot tell
	 */
	@Nullable EffectOutcome<Object> reconcile(EffectDefinition definition, ClaimResult claim, String idempotencyKey,
			JavaType resultType, EffectObservation observation) {
		String id = definition.key().effectId();
		long token = claim.fencingToken();
		Reconciliation verdict = verdict(definition, claim, idempotencyKey);
		if (verdict.verdict() == Reconciliation.Verdict.HAPPENED) {
			String resultJson = this.codec.write(verdict.result());
			this.store.succeed(id, token, resultJson);
			observation.outcome("reconciled");
			return new EffectOutcome<>(this.codec.read(resultJson, resultType), false, id, idempotencyKey,
					claim.attempt());
		}
		if (verdict.verdict() == Reconciliation.Verdict.UNKNOWN) {
			this.store.markUnknown(id, token, "reconciler: " + verdict.reason());
			observation.outcome("unknown");
			throw new EffectOutcomeUnknownException(id,
					"Effect '" + id + "' has an unknown outcome: its claim expired "
							+ "and the reconciler could not tell (" + verdict.reason()
							+ "); resolve it before it can run again");
		}
		return null;
	}

	private Reconciliation verdict(EffectDefinition definition, ClaimResult claim, String idempotencyKey) {
		EffectKey key = definition.key();
		EffectReconciler reconciler = this.reconcilers.stream()
			.filter((candidate) -> candidate.supports(key.stepId()))
			.findFirst()
			.orElseThrow(
					() -> new IllegalStateException("Effect '" + key.effectId() + "' uses onExpiredClaim = RECONCILE "
							+ "but no EffectReconciler bean supports step '" + key.stepId() + "'"));
		Reconciliation verdict = reconciler.reconcile(new EffectReconciler.ExpiredEffect(key.effectId(), key.runId(),
				key.stepId(), key.businessKey(), idempotencyKey, claim.attempt()));
		if (verdict == null) {
			throw new IllegalStateException("EffectReconciler " + reconciler.getClass().getName()
					+ " returned null for '" + key.effectId() + "'");
		}
		return verdict;
	}

}
