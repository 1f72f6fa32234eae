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

/**
 * Decides what the claim of an effect whose callback threw becomes, by the exception:
 * released if the effect did not happen ({@link IdempotentEffect#noEffectOn()}, or a
 * local effect whose transaction rolled back), failed if the failure is terminal
 * ({@link IdempotentEffect#terminalOn()}), otherwise left to expire since the effect may
 * have happened.
 */
final class EffectFailureHandler {

	private final EffectStore store;

	EffectFailureHandler(EffectStore store) {
		this.store = store;
	}

	/**
	 * Records the failure; what the store throws is added to {@code ex} as suppressed,
	 * since {@code ex} is what the caller must see.
	 * @param definition the definition
	 * @param token the claim's fencing token
	 * @param ex what the callback threw
	 * @param countLeaseLost counts a lost lease (once per effect)
	 */
	void onFailure(EffectDefinition definition, long token, Throwable ex, Runnable countLeaseLost) {
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

}
