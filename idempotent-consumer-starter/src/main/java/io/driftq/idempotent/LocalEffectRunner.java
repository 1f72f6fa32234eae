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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.log.LogMessage;

/**
 * Runs a local effect: the callback and the effect's SUCCEEDED row in one transaction of
 * the store's {@code DataSource}, so the effect's own writes through that
 * {@code DataSource} commit with its completion or not at all.
 */
final class LocalEffectRunner {

	// logs under the template, whose name is what users configure
	private static final Log logger = LogFactory.getLog(EffectTemplate.class);

	private final EffectStore store;

	private final EffectResultCodec codec;

	private final Set<String> warnedForeignResources = ConcurrentHashMap.newKeySet();

	LocalEffectRunner(EffectStore store, EffectResultCodec codec) {
		this.store = store;
		this.codec = codec;
	}

	/**
	 * Runs the effect and completes it in one transaction.
	 * @param definition the definition
	 * @param token the claim's fencing token
	 * @param context the effect's context
	 * @param callback the effect
	 * @param afterEffect calls the {@link EffectCheckpoint.Point#AFTER_EFFECT} checkpoint
	 * @return the result
	 * @throws Throwable what the callback threw, unchanged
	 */
	Object run(EffectDefinition definition, long token, EffectContext context, EffectCallback<?> callback,
			Runnable afterEffect) throws Throwable {
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
				afterEffect.run(); // a checkpoint that stops here rolls the transaction
									// back
				this.store.succeedInLocalTransaction(id, token, this.codec.storedResult(definition, result));
				return result;
			});
		}
		catch (LocalFailure ex) {
			throw ex.getCause();
		}
	}

	/**
	 * Once per step: a local effect whose writes went elsewhere than the store's
	 * DataSource is not atomic.
	 */
	private void warnOnForeignResources(EffectDefinition definition) {
		List<String> foreign = this.store.foreignTransactionResources();
		if (!foreign.isEmpty() && this.warnedForeignResources.add(definition.key().stepId())) {
			logger.warn(LogMessage
				.format("Local effect step '%s' (effect '%s') used %s inside its transaction. Only writes through the "
						+ "effect store's DataSource commit together with the effect's SUCCEEDED row; these do not, so a crash "
						+ "can lose or repeat them. Write through the store's DataSource, or make the effect non-local and "
						+ "pass EffectContext.idempotencyKey() downstream", definition.key().stepId(),
						definition.key().effectId(), String.join(", ", foreign)));
		}
	}

	/**
	 * What the callback threw, carried out of the transaction callback, which rolls back
	 * on it.
	 */
	private static final class LocalFailure extends RuntimeException {

		LocalFailure(Throwable cause) {
			super(cause);
		}

	}

}
