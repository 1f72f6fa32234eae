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

import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.util.List;

import io.driftq.idempotent.EffectStore.ClaimResult;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs side effects at most once per effect key while the claim holds, replaying the
 * stored result to duplicates. {@link IdempotentEffect} uses it; call it directly where
 * an annotation cannot reach.
 */
public class EffectTemplate implements EffectOperations {

	private final EffectStore store;

	private final EffectResultCodec codec;

	private final EffectMetrics metrics;

	private final Duration defaultLease;

	private volatile ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private volatile boolean observedIdempotencyKey;

	private volatile String idempotencyKeyPrefix = "";

	private final DuplicateEffects duplicates;

	private final ExpiredClaimReconciliation reconciliation;

	private final ClaimedEffectRunner runner;

	public EffectTemplate(EffectStore store, JsonMapper mapper, EffectMetrics metrics, Duration defaultLease) {
		this.store = store;
		this.codec = new EffectResultCodec(mapper);
		this.metrics = (metrics != null) ? metrics : EffectMetrics.NONE;
		this.defaultLease = defaultLease;
		this.duplicates = new DuplicateEffects(this.codec);
		this.reconciliation = new ExpiredClaimReconciliation(store, this.codec);
		this.runner = new ClaimedEffectRunner(store, this.codec, this.metrics);
	}

	/**
	 * A template that protects nothing: every call runs its callback (with an
	 * {@link EffectContext}: attempt 1, the effect's idempotency key, fencing token 0),
	 * nothing is claimed, stored or replayed. What {@code driftq.effects.enabled=false}
	 * provides, so that applications injecting the template still start.
	 * @param mapper the JSON mapper (for result types)
	 * @param idempotencyKeyPrefix the downstream idempotency key prefix
	 * @return the template
	 */
	public static EffectTemplate unprotected(JsonMapper mapper, String idempotencyKeyPrefix) {
		EffectTemplate template = new UnprotectedEffectTemplate(mapper);
		template.setIdempotencyKeyPrefix(idempotencyKeyPrefix);
		return template;
	}

	/**
	 * Sets the reconcilers asked about expired claims of
	 * {@link ExpiredClaimPolicy#RECONCILE} effects.
	 * @param reconcilers the reconcilers, the first that supports a step wins
	 */
	public void setReconcilers(List<EffectReconciler> reconcilers) {
		this.reconciliation.setReconcilers(reconcilers);
	}

	/**
	 * Sets the registry of the {@code driftq.effect} observation made for every call (a
	 * tracing span with the {@code effect.id}, a timer by step and outcome).
	 * @param observationRegistry the registry
	 */
	public void setObservationRegistry(ObservationRegistry observationRegistry) {
		this.observationRegistry = (observationRegistry != null) ? observationRegistry : ObservationRegistry.NOOP;
	}

	/**
	 * Sets whether the {@code driftq.effect} observation carries the downstream
	 * idempotency key ({@link EffectContext#idempotencyKey()}) as the high-cardinality
	 * key {@code effect.idempotency_key}; off by default, since the key can be sensitive.
	 * @param observedIdempotencyKey whether to add it
	 */
	public void setObservedIdempotencyKey(boolean observedIdempotencyKey) {
		this.observedIdempotencyKey = observedIdempotencyKey;
	}

	/**
	 * Sets the largest result (JSON, in characters) that is stored; a larger one is not
	 * stored (duplicates get {@code null}) and a warning is logged.
	 * @param maxResultSize the limit
	 */
	public void setMaxResultSize(int maxResultSize) {
		this.codec.setMaxResultSize(maxResultSize);
	}

	/**
	 * Sets the lease renewal of running external effects.
	 * @param leaseRenewal the renewal, or {@link LeaseRenewal#DISABLED}
	 */
	public void setLeaseRenewal(LeaseRenewal leaseRenewal) {
		this.runner.setLeaseRenewal((leaseRenewal != null) ? leaseRenewal : LeaseRenewal.DISABLED);
	}

	/**
	 * Sets the checkpoint called after the claim, after the effect and after the
	 * completion (crash-injection tests).
	 * @param checkpoint the checkpoint, or {@link EffectCheckpoint#NONE}
	 */
	public void setCheckpoint(EffectCheckpoint checkpoint) {
		this.runner.setCheckpoint((checkpoint != null) ? checkpoint : EffectCheckpoint.NONE);
	}

	/**
	 * Sets the hooks called, in order, when a stored result is replayed to a duplicate.
	 * @param replayHooks the hooks
	 */
	public void setReplayHooks(List<EffectReplayHook> replayHooks) {
		this.duplicates.setReplayHooks(replayHooks);
	}

	/**
	 * Sets the namespace put before the effect id to make the downstream idempotency key
	 * ({@link EffectContext#idempotencyKey()}), e.g. {@code "shop-eu:"}; the effect id
	 * itself does not change.
	 * @param idempotencyKeyPrefix the prefix, empty for none
	 */
	public void setIdempotencyKeyPrefix(String idempotencyKeyPrefix) {
		this.idempotencyKeyPrefix = (idempotencyKeyPrefix != null) ? idempotencyKeyPrefix : "";
	}

	/**
	 * @param effectId an effect id
	 * @return the downstream idempotency key of that effect
	 */
	public String idempotencyKey(String effectId) {
		return this.idempotencyKeyPrefix + effectId;
	}

	/**
	 * @return the JSON mapper used for results and payload hashes
	 */
	public JsonMapper getMapper() {
		return this.codec.mapper();
	}

	/**
	 * Runs an effect; a replayed result is read back as plain JSON values (maps, lists,
	 * ...).
	 * @param <T> the result type
	 * @param run the run id
	 * @param step the step id
	 * @param businessKey the business key
	 * @param payload the payload whose hash must match on duplicates
	 * @param callback the effect
	 * @return the result, run or replayed
	 */
	@SuppressWarnings("unchecked")
	public <T> @Nullable T execute(String run, String step, String businessKey, @Nullable Object payload,
			EffectCallback<T> callback) {
		return (T) execute(EffectDefinition.of(run, step, businessKey), payload, Object.class, callback);
	}

	/**
	 * Runs an effect, replaying results as {@code resultType}.
	 * @param <T> the result type
	 * @param run the run id
	 * @param step the step id
	 * @param businessKey the business key
	 * @param payload the payload whose hash must match on duplicates
	 * @param resultType the result type
	 * @param callback the effect
	 * @return the result, run or replayed
	 */
	public <T> @Nullable T execute(String run, String step, String businessKey, @Nullable Object payload,
			Class<T> resultType, EffectCallback<T> callback) {
		return execute(EffectDefinition.of(run, step, businessKey), payload, resultType, callback);
	}

	/**
	 * Runs an effect with explicit options.
	 * @param <T> the result type
	 * @param definition the definition
	 * @param payload the payload
	 * @param resultType the result type
	 * @param callback the effect
	 * @return the result, run or replayed
	 */
	public <T> @Nullable T execute(EffectDefinition definition, @Nullable Object payload, Class<T> resultType,
			EffectCallback<? extends T> callback) {
		try {
			return resultType
				.cast(invoke(definition, payload, this.codec.mapper().constructType(resultType), callback));
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new UndeclaredThrowableException(ex);
		}
	}

	/**
	 * Runs an effect, replaying results as {@code resultType}, and tells whether the
	 * result was replayed.
	 * @param <T> the result type
	 * @param run the run id
	 * @param step the step id
	 * @param businessKey the business key
	 * @param payload the payload whose hash must match on duplicates
	 * @param resultType the result type
	 * @param callback the effect
	 * @return the outcome: the result, run or replayed, and which
	 */
	public <T> EffectOutcome<T> executeForOutcome(String run, String step, String businessKey, Object payload,
			Class<T> resultType, EffectCallback<T> callback) {
		return executeForOutcome(EffectDefinition.of(run, step, businessKey), payload, resultType, callback);
	}

	/**
	 * Runs an effect with explicit options, and tells whether the result was replayed.
	 * @param <T> the result type
	 * @param definition the definition
	 * @param payload the payload
	 * @param resultType the result type
	 * @param callback the effect
	 * @return the outcome: the result, run or replayed, and which
	 */
	public <T> EffectOutcome<T> executeForOutcome(EffectDefinition definition, Object payload, Class<T> resultType,
			EffectCallback<? extends T> callback) {
		execute(definition, payload, resultType, callback);
		@SuppressWarnings("unchecked")
		EffectOutcome<T> outcome = (EffectOutcome<T>) EffectOutcome.last().orElseThrow();
		return outcome;
	}

	/**
	 * The core: claim, run, complete. Exceptions from the callback propagate unchanged.
	 * @param definition the definition
	 * @param payload the payload
	 * @param resultType the result type ({@code void} for none)
	 * @param callback the effect
	 * @return the result, run or replayed
	 * @throws Throwable what the callback threw, or an {@link IdempotentEffectException}
	 */
	public @Nullable Object invoke(EffectDefinition definition, @Nullable Object payload, JavaType resultType,
			EffectCallback<?> callback) throws Throwable {
		EffectOutcome.clearLast();
		EffectOutcome<Object> outcome = invokeForOutcome(definition, payload, resultType, callback);
		EffectOutcome.setLast(outcome);
		return outcome.result();
	}

	EffectOutcome<Object> invokeForOutcome(EffectDefinition definition, @Nullable Object payload, JavaType resultType,
			EffectCallback<?> callback) throws Throwable {
		EffectKey key = definition.key();
		EffectObservation observation = new EffectObservation(this.observationRegistry, this.metrics, key,
				this.observedIdempotencyKey ? idempotencyKey(key.effectId()) : null);
		return observation.observe(() -> invoke(definition, payload, resultType, callback, observation));
	}

	private EffectOutcome<Object> invoke(EffectDefinition definition, @Nullable Object payload, JavaType resultType,
			EffectCallback<?> callback, EffectObservation observation) throws Throwable {
		long started = System.nanoTime();
		EffectKey key = definition.key();
		String id = key.effectId();
		String step = key.stepId();
		String idempotencyKey = idempotencyKey(id);
		Duration lease = (definition.lease() != null) ? definition.lease() : this.defaultLease;
		ClaimResult claim;
		try {
			claim = InProgressWaiter.claim(this.store, definition, payloadHash(payload), lease);
		}
		catch (EffectStoreUnavailableException ex) {
			observation.outcome("store_unavailable");
			throw ex;
		}
		EffectOutcome<Object> duplicate = this.duplicates.answer(claim, id, idempotencyKey, resultType, observation);
		if (duplicate != null) {
			return duplicate;
		}
		if (claim.kind() == ClaimResult.Kind.TAKEN_OVER) {
			this.metrics.record("lease_taken_over", step);
		}
		this.metrics.record("claimed", step);
		this.runner.checkpoint(EffectCheckpoint.Point.AFTER_CLAIM, key);
		if (claim.kind() == ClaimResult.Kind.TAKEN_OVER
				&& definition.onExpiredClaim() == ExpiredClaimPolicy.RECONCILE) {
			EffectOutcome<Object> reconciled = this.reconciliation.reconcile(definition, claim, idempotencyKey,
					resultType, observation);
			if (reconciled != null) {
				return reconciled;
			}
		}
		return this.runner.run(definition, claim, idempotencyKey, lease, callback, observation, started);
	}

	String payloadHash(@Nullable Object payload) {
		return this.codec.payloadHash(payload);
	}

}
