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

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.log.LogMessage;

/**
 * The JSON side of an effect: the payload hash that must match on duplicates, and the
 * result as stored and replayed.
 */
final class EffectResultCodec {

	private static final Log logger = LogFactory.getLog(EffectResultCodec.class);

	private final JsonMapper mapper;

	/**
	 * Hashes payloads with map entries sorted: a {@code Map.of} iterates in a different
	 * order in every JVM.
	 */
	private final JsonMapper hashMapper;

	private volatile int maxResultSize = 64 * 1024;

	EffectResultCodec(JsonMapper mapper) {
		this.mapper = mapper;
		this.hashMapper = mapper.rebuild().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
	}

	JsonMapper mapper() {
		return this.mapper;
	}

	void setMaxResultSize(int maxResultSize) {
		this.maxResultSize = maxResultSize;
	}

	String payloadHash(@Nullable Object payload) {
		try {
			return EffectKey.sha256(this.hashMapper.writeValueAsString(payload));
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Cannot serialize the effect payload to JSON for hashing; "
					+ "set the 'payload' attribute to a serializable expression", ex);
		}
	}

	/**
	 * The result as stored: {@code null} when the effect does not store it or it is over
	 * the size limit.
	 */
	@Nullable String storedResult(EffectDefinition definition, @Nullable Object result) {
		if (!definition.storeResult()) {
			return null;
		}
		String json = write(result);
		if (json != null && json.length() > this.maxResultSize) {
			logger.warn(LogMessage.format(
					"The result of effect '%s' is %s characters of JSON, over driftq.effects.max-result-size (%s); "
							+ "it is not stored, so duplicates get null",
					definition.key().effectId(), json.length(), this.maxResultSize));
			return null;
		}
		return json;
	}

	String write(@Nullable Object result) {
		return this.mapper.writeValueAsString(result);
	}

	@Nullable Object read(@Nullable String json, @Nullable JavaType type) {
		if (type == null || type.hasRawClass(void.class) || type.hasRawClass(Void.class) || json == null) {
			return null;
		}
		return this.mapper.readValue(json, type);
	}

}
