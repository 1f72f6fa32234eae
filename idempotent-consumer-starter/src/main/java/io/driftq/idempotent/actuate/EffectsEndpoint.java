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

package io.driftq.idempotent.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.driftq.idempotent.EffectRecord;
import io.driftq.idempotent.EffectStatus;
import io.driftq.idempotent.EffectStore;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * Actuator endpoint {@code effects}: lists CLAIMED and UNKNOWN effects, shows one effect,
 * releases one ({@code DELETE}: it runs again on the next attempt) or resolves one as
 * SUCCEEDED with a result ({@code POST} with {@code result}, a JSON text, checked to
 * parse).
 */
@Endpoint(id = "effects")
public class EffectsEndpoint {

	private static final int LIMIT = 100;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final EffectStore store;

	public EffectsEndpoint(EffectStore store) {
		this.store = store;
	}

	/**
	 * @return up to 100 CLAIMED and 100 UNKNOWN effects, oldest first
	 */
	@ReadOperation
	public Map<String, List<EffectRecord>> effects() {
		Map<String, List<EffectRecord>> effects = new LinkedHashMap<>();
		effects.put(EffectStatus.CLAIMED.name(), this.store.findByStatus(EffectStatus.CLAIMED, LIMIT));
		effects.put(EffectStatus.UNKNOWN.name(), this.store.findByStatus(EffectStatus.UNKNOWN, LIMIT));
		return effects;
	}

	/**
	 * @param effectId the effect id
	 * @return the effect, or {@code null} (404)
	 */
	@ReadOperation
	public @Nullable EffectRecord effect(@Selector String effectId) {
		return this.store.find(effectId).orElse(null);
	}

	/**
	 * Releases a CLAIMED or UNKNOWN effect so that the next attempt runs it again.
	 * @param effectId the effect id
	 * @return whether it was released
	 */
	@DeleteOperation
	public Map<String, Object> release(@Selector String effectId) {
		return Map.of("effectId", effectId, "released", this.store.forceRelease(effectId));
	}

	/**
	 * Resolves a CLAIMED or UNKNOWN effect as SUCCEEDED.
	 * @param effectId the effect id
	 * @param result the result to replay, as JSON text; {@code null} or left out of the
	 * request body: duplicates get {@code null}
	 * @return whether it was resolved
	 */
	@WriteOperation
	public Map<String, Object> resolve(@Selector String effectId, @Nullable String result) {
		if (result != null) {
			try {
				JSON.readTree(result);
			}
			catch (JacksonException ex) {
				// stored as is, it would fail every duplicate that replays it
				throw new InvalidEndpointRequestException(
						"'result' must be JSON text (a string in quotes): " + ex.getOriginalMessage(),
						"'result' is not JSON");
			}
		}
		return Map.of("effectId", effectId, "resolved", this.store.resolveSucceeded(effectId, result));
	}

}
