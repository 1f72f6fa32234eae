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

package io.driftq.demo.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The answer to {@code POST /runs}.
 *
 * @param runId the new run
 * @param eventsTopic the DriftQ topic of its events
 */
@Schema(name = "RunCreated")
public record RunCreated(
		@JsonProperty("run_id") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = "^[0-9a-f]{32}$",
				example = "3f2a9c0d4b5e4f6a8b7c9d0e1f2a3b4c") String runId,
		@JsonProperty("events_topic") @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
				pattern = "^sidefx\\.events\\.[0-9a-f]{32}$",
				example = "sidefx.events.3f2a9c0d4b5e4f6a8b7c9d0e1f2a3b4c") String eventsTopic) {
}
