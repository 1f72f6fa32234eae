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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.driftq.idempotent.EffectStore.ClaimResult;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs side effects at most once per effect key while the claim holds, replaying the stored
 * result to duplicates. {@link IdempotentEffect} uses it; call it directly where an annotation
 * cannot reach.
 */
public class EffectTemplate implements EffectOperations {

	private static final Logger logger = LoggerFactory.getLogger(EffectTemplate.class);

	private final EffectStore store;

	private final EffectResultCodec codec;

	private final EffectMetrics metrics;

	private final Duration defaultLease;

	private volatile List<EffectReconciler> reconcilers = List.of();

	private volatile LeaseRenewal leaseRenewal = LeaseRenewal.DISABLED;

	private volatile ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private volatile boolean observedIdempotencyKey;

	private volatile EffectCheckpoint checkpoint = EffectCheckpoint.NONE;

	private volatile List<EffectReplayHook> replayHooks = List.of();

	private volatile String idempotencyKeyPrefix = "";

	private final Set<String> warnedForeignResources = ConcurrentHashMap.newKeySet();

	public EffectTemplate(EffectStore store, JsonMapper mapper, EffectMetrics metrics, Duration defaultLease) {
		this.store = store;
		this.codec = new EffectResultCodec(mapper);
		this.metrics = (metrics != null) ? metrics : EffectMetrics.NONE;
		this.defaultLease = defaultLease;
	}

	/**
	 * A template that protects nothing: every call runs its callback (with an {@link EffectContext}: attempt 1, the
	 * effect's idempotency key, fencing token 0), nothing is claimed, stored or replayed. What
	 * {@code driftq.effects.enabled=false} provides, so that applications injecting the template still start.
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
	 * Sets the reconcilers asked about expired claims of {@link ExpiredClaimPolicy#RECONCILE} effects.
	 * @param reconcilers the reconcilers, the first that supports a step wins
	 */
	public void setReconcilers(List<EffectReconciler> reconcilers) {
		this.reconcilers = List.copyOf(reconcilers);
	}

	/**
	 * Sets the registry of the {@code driftq.effect} observation made for every call (a tracing span with the
	 * {@code effect.id}, a timer by step and outcome).
	 * @param observationRegistry the registry
	 */
	public void setObservationRegistry(ObservationRegistry observationRegistry) {
		this.observationRegistry = (observationRegistry != null) ? observationRegistry : ObservationRegistry.NOOP;
	}

	/**
	 * Sets whether the {@code driftq.effect} observation carries the downstream idempotency key
	 * ({@link EffectContext#idempotencyKey()}) as the high-cardinality key {@code effect.idempotency_key}; off by
	 * default, since the key can be sensitive.
	 * @param observedIdempotencyKey whether to add it
	 */
	public void setObservedIdempotencyKey(boolean observedIdempotencyKey) {
		this.observedIdempotencyKey = observedIdempotencyKey;
	}

	/**
	 * Sets the largest result (JSON, in characters) that is stored; a larger one is not stored (duplicates get
	 * {@code null}) and a warning is logged.
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
		this.leaseRenewal = (leaseRenewal != null) ? leaseRenewal : LeaseRenewal.DISABLED;
	}

	/**
	 * Sets the checkpoint called after the claim, after the effect and after the completion (crash-injection tests).
	 * @param checkpoint the checkpoint, or {@link EffectCheckpoint#NONE}
	 */
	public void setCheckpoint(EffectCheckpoint checkpoint) {
		this.checkpoint = (checkpoint != null) ? checkpoint : EffectCheckpoint.NONE;
	}

	/**
	 * Sets the hooks called, in order, when a stored result is replayed to a duplicate.
	 * @param replayHooks the hooks
	 */
	public void setReplayHooks(List<EffectReplayHook> replayHooks) {
		this.replayHooks = List.copyOf(replayHooks);
	}

	/**
	 * Sets the namespace put before the effect id to make the downstream idempotency key
	 * ({@link EffectContext#idempotencyKey()}), e.g. {@code "shop-eu:"}; the effect id itself does not change.
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
	 * Runs an effect; a replayed result is read back as plain JSON values (maps, lists, ...).
	 * @param <T> the result type
	 * @param run the run id
	 * @param step the step id
	 * @param businessKey the business key
	 * @param payload the payload whose hash must match on duplicates
	 * @param callback the effect
	 * @return the result, run or replayed
	 */
	@SuppressWarnings("unchecked")
	public <T> T execute(String run, String step, String businessKey, Object payload, EffectCallback<T> callback) {
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
	public <T> T execute(String run, String step, String businessKey, Object payload, Class<T> resultType,
			EffectCallback<T> callback) {
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
	public <T> T execute(EffectDefinition definition, Object payload, Class<T> resultType,
			EffectCallback<? extends T> callback) {
		try {
			return resultType.cast(invoke(definition, payload, this.codec.mapper().constructType(resultType), callback));
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new UndeclaredThrowableException(ex);
		}
	}

	/**
	 * Runs an effect, replaying results as {@code resultType}, and tells whether the result was replayed.
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
	public Object invoke(EffectDefinition definition, Object payload, JavaType resultType, EffectCallback<?> callback)
			throws Throwable {
		EffectOutcome.clearLast();
		EffectOutcome<Object> outcome = invokeForOutcome(definition, payload, resultType, callback);
		EffectOutcome.setLast(outcome);
		return outcome.result();
	}

	EffectOutcome<Object> invokeForOutcome(EffectDefinition definition, Object payload, JavaType resultType,
			EffectCallback<?> callback) throws Throwable {
		EffectKey key = definition.key();
		// one observation per call, a child of the current one (the binder's consumer observation): a span (with
		// micrometer-tracing) carrying effect.id, and a timer by step/outcome
		Observation observation = Observation.createNotStarted("driftq.effect", this.observationRegistry)
			.contextualName("effect " + key.stepId())
			.lowCardinalityKeyValue("step", key.stepId())
			.lowCardinalityKeyValue("outcome", "error")
			.highCardinalityKeyValue("effect.id", key.effectId());
		if (this.observedIdempotencyKey) {
			observation.highCardinalityKeyValue("effect.idempotency_key", idempotencyKey(key.effectId()));
		}
		observation.start();
		try (Observation.Scope scope = observation.openScope()) {
			return invoke(definition, payload, resultType, callback, observation);
		}
		catch (CheckpointStop stop) {
			observation.error(stop.getCause());
			throw stop.getCause();
		}
		catch (Throwable ex) {
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	private EffectOutcome<Object> invoke(EffectDefinition definition, Object payload, JavaType resultType,
			EffectCallback<?> callback, Observation observation) throws Throwable {
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
			outcome(observation, "store_unavailable", step);
			throw ex;
		}
		switch (claim.kind()) {
			case SUCCEEDED -> {
				outcome(observation, "replayed", step);
				Object result = this.codec.read(claim.record().result(), resultType);
				for (EffectReplayHook hook : this.replayHooks) {
					result = hook.onReplay(claim.record(), result);
				}
				return new EffectOutcome<>(result, true, id, idempotencyKey, claim.record().attempts());
			}
			case FAILED -> {
				outcome(observation, "replayed", step);
				throw new EffectFailedException(id, "Effect '" + id + "' failed earlier: " + claim.record().error());
			}
			case IN_PROGRESS -> {
				outcome(observation, "in_progress", step);
				Duration remaining = claim.record().leaseRemaining();
				throw new EffectInProgressException(id, "Effect '" + id + "' is in progress (attempt "
						+ claim.record().attempts() + ", claim lease left " + remaining.toMillis() + " ms); retry later",
						remaining);
			}
			case UNKNOWN -> {
				outcome(observation, "unknown", step);
				throw new EffectOutcomeUnknownException(id, "Effect '" + id + "' has an unknown outcome: its claim expired "
						+ "without completion; resolve it before it can run again");
			}
			case PAYLOAD_MISMATCH -> {
				observation.lowCardinalityKeyValue("outcome", "payload_mismatch");
				throw new EffectPayloadMismatchException(id,
						"Effect '" + id + "' was already claimed with a different payload");
			}
			case TAKEN_OVER -> this.metrics.record("lease_taken_over", step);
			default -> {
			}
		}
		this.metrics.record("claimed", step);
		checkpoint(EffectCheckpoint.Point.AFTER_CLAIM, key);
		long token = claim.fencingToken();
		if (claim.kind() == ClaimResult.Kind.TAKEN_OVER && definition.onExpiredClaim() == ExpiredClaimPolicy.RECONCILE) {
			Reconciliation verdict = reconcile(definition, claim);
			if (verdict.verdict() == Reconciliation.Verdict.HAPPENED) {
				String resultJson = this.codec.write(verdict.result());
				this.store.succeed(id, token, resultJson);
				outcome(observation, "reconciled", step);
				return new EffectOutcome<>(this.codec.read(resultJson, resultType), false, id, idempotencyKey, claim.attempt());
			}
			if (verdict.verdict() == Reconciliation.Verdict.UNKNOWN) {
				this.store.markUnknown(id, token, "reconciler: " + verdict.reason());
				outcome(observation, "unknown", step);
				throw new EffectOutcomeUnknownException(id, "Effect '" + id + "' has an unknown outcome: its claim expired "
						+ "and the reconciler could not tell (" + verdict.reason() + "); resolve it before it can run again");
			}
		}
		EffectContext context = new EffectContext(id, idempotencyKey, claim.attempt(),
				claim.kind() == ClaimResult.Kind.TAKEN_OVER, token);
		EffectContext previous = EffectContext.set(context);
		// lease_lost is counted once per effect, whether the renewal saw it first or the completion
		AtomicBoolean leaseLost = new AtomicBoolean();
		Runnable countLeaseLost = () -> {
			if (leaseLost.compareAndSet(false, true)) {
				this.metrics.record("lease_lost", step);
			}
		};
		LeaseRenewal.Renewing renewing = definition.local() ? LeaseRenewal.Renewing.NONE
				: this.leaseRenewal.start(this.store, id, token, lease, countLeaseLost,
						() -> this.metrics.record("renewal_failed", step));
		try {
			Object result;
			try {
				result = definition.local() ? runLocal(definition, token, context, callback)
						: callback.doInEffect(context);
			}
			catch (EffectLeaseLostException ex) {
				observation.lowCardinalityKeyValue("outcome", "lease_lost");
				countLeaseLost.run();
				throw ex;
			}
			catch (CheckpointStop stop) {
				throw stop; // a simulated death: no bookkeeping
			}
			catch (Throwable ex) {
				renewing.stop();
				onFailure(definition, token, ex, countLeaseLost);
				throw ex;
			}
			finally {
				renewing.stop();
			}
			if (!definition.local()) {
				checkpoint(EffectCheckpoint.Point.AFTER_EFFECT, key);
				try {
					this.store.succeed(id, token, this.codec.storedResult(definition, result));
				}
				catch (EffectLeaseLostException ex) {
					observation.lowCardinalityKeyValue("outcome", "lease_lost");
					countLeaseLost.run();
					throw ex;
				}
			}
			checkpoint(EffectCheckpoint.Point.AFTER_COMPLETION, key);
			outcome(observation, "executed", step);
			if (claim.kind() == ClaimResult.Kind.TAKEN_OVER) {
				// ran again after taking over an expired claim (same downstream key): the trace says so
				observation.lowCardinalityKeyValue("outcome", "taken_over");
			}
			this.metrics.executed(step, System.nanoTime() - started);
			return new EffectOutcome<>(result, false, id, idempotencyKey, claim.attempt());
		}
		finally {
			EffectContext.restore(previous);
		}
	}

	/** Calls the checkpoint; what it throws travels wrapped, so that no failure handling on the way sees it. */
	private void checkpoint(EffectCheckpoint.Point point, EffectKey key) {
		try {
			this.checkpoint.reached(point, key);
		}
		catch (RuntimeException | Error ex) {
			throw new CheckpointStop(ex);
		}
	}

	private void outcome(Observation observation, String event, String step) {
		observation.lowCardinalityKeyValue("outcome", event);
		this.metrics.record(event, step);
	}

	private Reconciliation reconcile(EffectDefinition definition, ClaimResult claim) {
		EffectKey key = definition.key();
		EffectReconciler reconciler = this.reconcilers.stream()
			.filter((candidate) -> candidate.supports(key.stepId()))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("Effect '" + key.effectId() + "' uses onExpiredClaim = RECONCILE "
					+ "but no EffectReconciler bean supports step '" + key.stepId() + "'"));
		Reconciliation verdict = reconciler.reconcile(new EffectReconciler.ExpiredEffect(key.effectId(), key.runId(),
				key.stepId(), key.businessKey(), idempotencyKey(key.effectId()), claim.attempt()));
		if (verdict == null) {
			throw new IllegalStateException("EffectReconciler " + reconciler.getClass().getName() + " returned null for '"
					+ key.effectId() + "'");
		}
		return verdict;
	}

	private Object runLocal(EffectDefinition definition, long token, EffectContext context, EffectCallback<?> callback)
			throws Throwable {
		String id = definition.key().effectId();
		try {
			return this.store.inLocalTransaction(() -> {
				Object result;
				try {
					result = callback.doInEffect(context);
				}
				catch (Throwable ex) {
					throw new LocalFailure(ex);
				}
				warnOnForeignResources(definition);
				checkpoint(EffectCheckpoint.Point.AFTER_EFFECT, definition.key()); // rolls the transaction back
				this.store.succeedInLocalTransaction(id, token, this.codec.storedResult(definition, result));
				return result;
			});
		}
		catch (LocalFailure ex) {
			throw ex.getCause();
		}
	}

	/** Once per step: a local effect whose writes went elsewhere than the store's DataSource is not atomic. */
	private void warnOnForeignResources(EffectDefinition definition) {
		List<String> foreign = this.store.foreignTransactionResources();
		if (!foreign.isEmpty() && this.warnedForeignResources.add(definition.key().stepId())) {
			logger.warn("Local effect step '{}' (effect '{}') used {} inside its transaction. Only writes through the "
					+ "effect store's DataSource commit together with the effect's SUCCEEDED row; these do not, so a crash "
					+ "can lose or repeat them. Write through the store's DataSource, or make the effect non-local and "
					+ "pass EffectContext.idempotencyKey() downstream", definition.key().stepId(),
					definition.key().effectId(), String.join(", ", foreign));
		}
	}

	private void onFailure(EffectDefinition definition, long token, Throwable ex, Runnable countLeaseLost) {
		String id = definition.key().effectId();
		try {
			if (matches(definition.noEffectOn(), ex)) {
				this.store.release(id, token);
			}
			else if (matches(definition.terminalOn(), ex)) {
				this.store.fail(id, token, ex.getClass().getName() + ": " + ex.getMessage());
			}
			else if (definition.local()) {
				// the transaction rolled back, so the effect did not happen
				this.store.release(id, token);
			}
			// otherwise ambiguous: the claim stays until its lease expires
		}
		catch (EffectLeaseLostException lost) {
			countLeaseLost.run();
			ex.addSuppressed(lost);
		}
		catch (RuntimeException storeFailure) {
			ex.addSuppressed(storeFailure);
		}
	}

	private static boolean matches(List<Class<? extends Throwable>> types, Throwable ex) {
		return types.stream().anyMatch((type) -> type.isInstance(ex));
	}

	String payloadHash(Object payload) {
		return this.codec.payloadHash(payload);
	}

	/** What a checkpoint threw, on its way to the caller. */
	private static final class CheckpointStop extends RuntimeException {

		CheckpointStop(Throwable cause) {
			super(null, cause, false, false);
		}

	}

	private static final class LocalFailure extends RuntimeException {

		LocalFailure(Throwable cause) {
			super(cause);
		}

	}

}
