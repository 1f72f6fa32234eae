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

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link EffectTemplate#unprotected}: runs every callback, records nothing.
 */
final class UnprotectedEffectTemplate extends EffectTemplate {

	// no store: every call is overridden to run unprotected, so the store is never used
	@SuppressWarnings("NullAway")
	UnprotectedEffectTemplate(JsonMapper mapper) {
		super(null, mapper, EffectMetrics.NONE, Duration.ZERO);
	}

	@Override
	EffectOutcome<Object> invokeForOutcome(EffectDefinition definition, @Nullable Object payload, JavaType resultType,
			EffectCallback<?> callback) throws Throwable {
		String id = definition.key().effectId();
		EffectContext context = new EffectContext(id, idempotencyKey(id), 1, false, 0);
		EffectContext previous = EffectContext.set(context);
		try {
			return new EffectOutcome<>(callback.doInEffect(context), false, id, context.idempotencyKey(), 1);
		}
		finally {
			EffectContext.restore(previous);
		}
	}

}
