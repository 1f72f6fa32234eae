package io.driftq.idempotent;

import java.time.Duration;

import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link EffectTemplate#unprotected}: runs every callback, records nothing.
 */
final class UnprotectedEffectTemplate extends EffectTemplate {

	UnprotectedEffectTemplate(JsonMapper mapper) {
		super(null, mapper, EffectMetrics.NONE, Duration.ZERO);
	}

	@Override
	EffectOutcome<Object> invokeForOutcome(EffectDefinition definition, Object payload, JavaType resultType,
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
