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

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.driftq.idempotent.EffectStore.ClaimResult;

/**
 * Runs an effect whose claim the call holds: sets its {@link EffectContext}, renews the
 * lease of an external effect while it runs, runs it (a local one through
 * {@link LocalEffectRunner}), has a failure recorded by {@link EffectFailureHandler}, and
 * completes it, calling the {@link EffectCheckpoint checkpoints} on the way.
 */
final class ClaimedEffectRunner {

	private final EffectStore store;

	private final EffectResultCodec codec;

	private final EffectMetrics metrics;

	private final LocalEffectRunner localRunner;

	private final EffectFailureHandler failureHandler;

	private volatile LeaseRenewal leaseRenewal = LeaseRenewal.DISABLED;

	private volatile EffectCheckpoint checkpoint = EffectCheckpoint.NONE;

	ClaimedEffectRunner(EffectStore store, EffectResultCodec codec, EffectMetrics metrics) {
		this.store = store;
		this.codec = codec;
		this.metrics = metrics;
		this.localRunner = new LocalEffectRunner(store, codec);
		this.failureHandler = new EffectFailureHandler(store);
	}

	void setLeaseRenewal(LeaseRenewal leaseRenewal) {
		this.leaseRenewal = leaseRenewal;
	}

	void setCheckpoint(EffectCheckpoint checkpoint) {
		this.checkpoint = checkpoint;
	}

	/**
	 * Runs and completes the effect. Exceptions from the callback propagate unchanged.
	 * @param definition the definition
	 * @param claim the claim the call holds
	 * @param idempotencyKey the effect's downstream idempotency key
	 * @param lease the claim's lease
	 * @param callback the effect
	 * @param observation the call's observation
	 * @param started when the call started ({@link System#nanoTime()})
	 * @return the outcome
	 * @throws Throwable what the callback threw, or an {@link IdempotentEffectException}
	 */
	EffectOutcome<Object> run(EffectDefinition definition, ClaimResult claim, String idempotencyKey, Duration lease,
			EffectCallback<?> callback, EffectObservation observation, long started) throws Throwable {
		EffectKey key = definition.key();
		String id = key.effectId();
		String step = key.stepId();
		long token = claim.fencingToken();
		EffectContext context = new EffectContext(id, idempotencyKey, claim.attempt(),
				claim.kind() == ClaimResult.Kind.TAKEN_OVER, token);
		EffectContext previous = EffectContext.set(context);
		// lease_lost is counted once per effect, whether the renewal saw it first or the
		// completion
		AtomicBoolean leaseLost = new AtomicBoolean();
		Runnable countLeaseLost = () -> {
			if (leaseLost.compareAndSet(false, true)) {
				this.metrics.record("lease_lost", step);
			}
		};
		LeaseRenewal.Renewing renewing = definition.local() ? LeaseRenewal.Renewing.NONE : this.leaseRenewal
			.start(this.store, id, token, lease, countLeaseLost, () -> this.metrics.record("renewal_failed", step));
		try {
			Object result;
			try {
				result = definition.local()
						? this.localRunner.run(definition, token, context, callback,
								() -> checkpoint(EffectCheckpoint.Point.AFTER_EFFECT, key))
						: callback.doInEffect(context);
			}
			catch (EffectLeaseLostException ex) {
				observation.tag("lease_lost");
				countLeaseLost.run();
				throw ex;
			}
			catch (CheckpointStop stop) {
				throw stop; // a simulated death: no bookkeeping
			}
			catch (Throwable ex) {
				renewing.stop();
				this.failureHandler.onFailure(definition, token, ex, countLeaseLost);
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
					observation.tag("lease_lost");
					countLeaseLost.run();
					throw ex;
				}
			}
			checkpoint(EffectCheckpoint.Point.AFTER_COMPLETION, key);
			observation.outcome("executed");
			if (claim.kind() == ClaimResult.Kind.TAKEN_OVER) {
				// ran again after taking over an expired claim (same downstream key): the
				// trace says so
				observation.tag("taken_over");
			}
			this.metrics.executed(step, System.nanoTime() - started);
			return new EffectOutcome<>(result, false, id, idempotencyKey, claim.attempt());
		}
		finally {
			EffectContext.restore(previous);
		}
	}

	/**
	 * Calls the checkpoint; what it throws travels wrapped, so that no failure handling
	 * on the way sees it.
	 */
	void checkpoint(EffectCheckpoint.Point point, EffectKey key) {
		try {
			this.checkpoint.reached(point, key);
		}
		catch (RuntimeException | Error ex) {
			throw new CheckpointStop(ex);
		}
	}

}
