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
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How one effect runs: its key and per-effect options.
 *
 * @param key the effect key
 * @param lease the claim lease, or {@code null} for the configured default
 * @param onExpiredClaim the expired-claim policy
 * @param noEffectOn exception types that release the claim
 * @param terminalOn exception types stored as FAILED
 * @param local whether the effect is local (one transaction with the SUCCEEDED row)
 * @param inProgressWait how long a duplicate waits for a live claim to finish before it
 * gets {@link EffectInProgressException}, or {@code null} (or zero) not to wait
 * @param storeResult whether the result is stored and replayed to duplicates (otherwise
 * they get {@code null})
 */
public record EffectDefinition(EffectKey key, @Nullable Duration lease, ExpiredClaimPolicy onExpiredClaim,
		List<Class<? extends Throwable>> noEffectOn, List<Class<? extends Throwable>> terminalOn, boolean local,
		@Nullable Duration inProgressWait, boolean storeResult) {

	/**
	 * A definition whose result is stored.
	 * @param key the effect key
	 * @param lease the claim lease, or {@code null} for the configured default
	 * @param onExpiredClaim the expired-claim policy
	 * @param noEffectOn exception types that release the claim
	 * @param terminalOn exception types stored as FAILED
	 * @param local whether the effect is local
	 * @param inProgressWait how long a duplicate waits for a live claim, or {@code null}
	 */
	public EffectDefinition(EffectKey key, @Nullable Duration lease, ExpiredClaimPolicy onExpiredClaim,
			List<Class<? extends Throwable>> noEffectOn, List<Class<? extends Throwable>> terminalOn, boolean local,
			@Nullable Duration inProgressWait) {
		this(key, lease, onExpiredClaim, noEffectOn, terminalOn, local, inProgressWait, true);
	}

	/**
	 * A definition whose duplicates do not wait for a live claim.
	 * @param key the effect key
	 * @param lease the claim lease, or {@code null} for the configured default
	 * @param onExpiredClaim the expired-claim policy
	 * @param noEffectOn exception types that release the claim
	 * @param terminalOn exception types stored as FAILED
	 * @param local whether the effect is local
	 */
	public EffectDefinition(EffectKey key, @Nullable Duration lease, ExpiredClaimPolicy onExpiredClaim,
			List<Class<? extends Throwable>> noEffectOn, List<Class<? extends Throwable>> terminalOn, boolean local) {
		this(key, lease, onExpiredClaim, noEffectOn, terminalOn, local, null, true);
	}

	/**
	 * Defaults: configured lease, {@link ExpiredClaimPolicy#RERUN}, every exception
	 * ambiguous, not local.
	 * @param run the run id
	 * @param step the step id
	 * @param businessKey the business key
	 * @return the definition
	 */
	public static EffectDefinition of(String run, String step, String businessKey) {
		return new EffectDefinition(EffectKey.of(run, step, businessKey), null, ExpiredClaimPolicy.RERUN, List.of(),
				List.of(), false);
	}

	public EffectDefinition withLease(Duration lease) {
		return new EffectDefinition(this.key, lease, this.onExpiredClaim, this.noEffectOn, this.terminalOn, this.local,
				this.inProgressWait, this.storeResult);
	}

	public EffectDefinition withOnExpiredClaim(ExpiredClaimPolicy policy) {
		return new EffectDefinition(this.key, this.lease, policy, this.noEffectOn, this.terminalOn, this.local,
				this.inProgressWait, this.storeResult);
	}

	@SafeVarargs
	public final EffectDefinition withNoEffectOn(Class<? extends Throwable>... types) {
		return new EffectDefinition(this.key, this.lease, this.onExpiredClaim, List.of(types), this.terminalOn,
				this.local, this.inProgressWait, this.storeResult);
	}

	@SafeVarargs
	public final EffectDefinition withTerminalOn(Class<? extends Throwable>... types) {
		return new EffectDefinition(this.key, this.lease, this.onExpiredClaim, this.noEffectOn, List.of(types),
				this.local, this.inProgressWait, this.storeResult);
	}

	public EffectDefinition withInProgressWait(Duration wait) {
		return new EffectDefinition(this.key, this.lease, this.onExpiredClaim, this.noEffectOn, this.terminalOn,
				this.local, wait, this.storeResult);
	}

	public EffectDefinition withStoreResult(boolean storeResult) {
		return new EffectDefinition(this.key, this.lease, this.onExpiredClaim, this.noEffectOn, this.terminalOn,
				this.local, this.inProgressWait, storeResult);
	}

	public EffectDefinition withLocal(boolean local) {
		return new EffectDefinition(this.key, this.lease, this.onExpiredClaim, this.noEffectOn, this.terminalOn, local,
				this.inProgressWait, this.storeResult);
	}

}
