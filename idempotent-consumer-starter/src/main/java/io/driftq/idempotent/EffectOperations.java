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

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs side effects at most once per effect key while the claim holds, replaying the
 * stored result to duplicates. Implemented by {@link EffectTemplate};
 * {@link #unprotected()} runs every call, like
 * {@code TransactionOperations.withoutTransaction()}.
 */
public interface EffectOperations {

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
	<T> @Nullable T execute(String run, String step, String businessKey, @Nullable Object payload,
			EffectCallback<T> callback);

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
	<T> @Nullable T execute(String run, String step, String businessKey, @Nullable Object payload, Class<T> resultType,
			EffectCallback<T> callback);

	/**
	 * Runs an effect with explicit options.
	 * @param <T> the result type
	 * @param definition the definition
	 * @param payload the payload
	 * @param resultType the result type
	 * @param callback the effect
	 * @return the result, run or replayed
	 */
	<T> @Nullable T execute(EffectDefinition definition, @Nullable Object payload, Class<T> resultType,
			EffectCallback<? extends T> callback);

	/**
	 * Runs an effect with explicit options, and tells whether the result was replayed.
	 * @param <T> the result type
	 * @param definition the definition
	 * @param payload the payload
	 * @param resultType the result type
	 * @param callback the effect
	 * @return the outcome: the result, run or replayed, and which
	 */
	<T> EffectOutcome<T> executeForOutcome(EffectDefinition definition, Object payload, Class<T> resultType,
			EffectCallback<? extends T> callback);

	/**
	 * @param effectId an effect id
	 * @return the downstream idempotency key of that effect
	 */
	String idempotencyKey(String effectId);

	/**
	 * Operations that protect nothing: every call runs its callback (attempt 1, fencing
	 * token 0), nothing is claimed, stored or replayed. For tests, and what
	 * {@code driftq.effects.enabled=false} provides.
	 * @return the operations
	 */
	static EffectOperations unprotected() {
		return EffectTemplate.unprotected(JsonMapper.builder().build(), "");
	}

}
