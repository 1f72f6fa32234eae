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

package io.driftq.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.driftq.client.model.Envelope;
import io.driftq.client.model.Routing;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON shapes of the v1 API that are not public model types, and the mapper that
 * reads and writes them.
 */
final class WireFormat {

	/**
	 * Snake-case names, ISO-8601 instants, unknown fields tolerated so newer servers keep
	 * working, and absent numbers read as 0 because the server omits zero values
	 * ({@code omitempty}).
	 */
	static final JsonMapper MAPPER = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
		.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
		.changeDefaultPropertyInclusion((incl) -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
		.build();

	private WireFormat() {
	}

	/** One NDJSON line of {@code /v1/consume}. */
	record ConsumeItem(int partition, long offset, int attempts, @Nullable String key, String value,
			@Nullable String lastError, @Nullable Routing routing, @Nullable Envelope envelope) {
	}

	/**
	 * Error body: {@code {"error": "...", "message": "...", "reason": "...",
	 * "retry_after_ms": n}}.
	 */
	record ErrorBody(@Nullable String error, @Nullable String message, @Nullable String reason,
			@Nullable Integer retryAfterMs) {
	}

	/**
	 * The parts of a newer server's {@code GET /v1/config} the client uses; the server
	 * sends more (addresses, paths, log settings), which are ignored. Absent numbers stay
	 * {@code null}.
	 */
	record ConfigBody(@Nullable Integer maxPartitionBytes, @Nullable Integer maxPartitionMsgs,
			@Nullable Integer maxInflight, @Nullable String walSyncInterval) {
	}

	record TopicsList(java.util.@Nullable List<String> topics) {
	}

	record TopicCreateRequest(String name, int partitions) {
	}

	record Settle(String topic, String group, String owner, int partition, long offset, @Nullable String reason) {
	}

}
