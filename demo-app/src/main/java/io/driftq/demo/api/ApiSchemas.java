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

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * The shapes of the API's JSON answers that its controllers build as maps (the Python
 * starter's field order and names), for the OpenAPI document only. schemathesis checks
 * every answer against them in {@code OpenApiConformanceIT}, so a field renamed in the
 * code and not here fails a test.
 */
final class ApiSchemas {

	private ApiSchemas() {
	}

	@Schema(name = "Run", description = "A run as GET /runs/{runId} shows it")
	record RunView(@JsonProperty("run_id") @Schema(requiredMode = RequiredMode.REQUIRED) String runId,
			@JsonProperty("business_key") @Schema(requiredMode = RequiredMode.REQUIRED) String businessKey,
			@Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = {
					"queued", "running", "completed", "dlq" }) String status,
			@JsonProperty("last_error") @Schema(requiredMode = RequiredMode.REQUIRED, types = { "string", "null" },
					description = "the last attempt's error, null when none failed") String lastError,
			@JsonProperty("events_topic") @Schema(requiredMode = RequiredMode.REQUIRED,
					example = "sidefx.events.3f2a9c0d4b5e4f6a8b7c9d0e1f2a3b4c") String eventsTopic,
			@JsonProperty("created_ms") @Schema(requiredMode = RequiredMode.REQUIRED) long createdMs,
			@JsonProperty("updated_ms") @Schema(requiredMode = RequiredMode.REQUIRED) long updatedMs,
			@Schema(requiredMode = RequiredMode.REQUIRED, minimum = "0",
					description = "how often the API sent the run's command again") int redrives,
			@JsonProperty("trace_id") @Schema(requiredMode = RequiredMode.REQUIRED, types = { "string", "null" },
					pattern = "^[0-9a-f]{16,32}$",
					description = "the trace of the POST /runs that created the run, null when none was recorded") String traceId,
			@JsonProperty("trace_url") @Schema(requiredMode = RequiredMode.REQUIRED, types = { "string", "null" },
					format = "uri",
					description = "the trace in the tracing UI (sidefx.tracing.ui-url), null without"
							+ " a trace id or a UI") String traceUrl,
			@Schema(requiredMode = RequiredMode.REQUIRED,
					description = "the command on sidefx.commands, the Python starter's shape") Map<String, Object> command,
			@Schema(requiredMode = RequiredMode.REQUIRED) List<EffectRow> effects){
	}

	@Schema(name = "EffectRow", description = "A row of the effect table, in the Python starter's shape")
	record EffectRow(
			@JsonProperty("effect_id") @Schema(requiredMode = RequiredMode.REQUIRED,
					description = "run_id:step_id:business_key") String effectId,
			@JsonProperty("run_id") @Schema(requiredMode = RequiredMode.REQUIRED) String runId,
			@JsonProperty("step_id") @Schema(requiredMode = RequiredMode.REQUIRED) String stepId,
			@JsonProperty("business_key") @Schema(requiredMode = RequiredMode.REQUIRED) String businessKey,
			@Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = {
					"done", "in_progress", "unknown", "failed" }) String status,
			@JsonProperty("artifact_path") @Schema(requiredMode = RequiredMode.REQUIRED,
					types = { "string", "null" }) String artifactPath,
			@JsonProperty("created_ms") @Schema(requiredMode = RequiredMode.REQUIRED) long createdMs,
			@JsonProperty("updated_ms") @Schema(requiredMode = RequiredMode.REQUIRED) long updatedMs,
			@Schema(requiredMode = RequiredMode.REQUIRED, minimum = "0") int attempts,
			@Schema(requiredMode = RequiredMode.REQUIRED, types = { "object", "null" },
					description = "the run's command") Map<String, Object> payload){
	}

	@Schema(name = "Health", description = "The API's health: DriftQ reachable and healthy")
	record Health(@Schema(requiredMode = RequiredMode.REQUIRED) boolean ok,
			@Schema(requiredMode = RequiredMode.REQUIRED) DriftqHealth driftq) {
	}

	@Schema(name = "DriftqHealth")
	record DriftqHealth(@Schema(requiredMode = RequiredMode.REQUIRED) String url,
			@Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = {
					"ok", "unhealthy", "unreachable" }) String status,
			@Schema(description = "the server's version, when it is healthy") String version,
			@Schema(description = "why it is unreachable") String error){
	}

	@Schema(name = "SideEffects", description = "The newest effect rows")
	record SideEffects(@Schema(requiredMode = RequiredMode.REQUIRED, minimum = "0") int count,
			@Schema(requiredMode = RequiredMode.REQUIRED) List<EffectRow> items) {
	}

	@Schema(name = "Artifacts", description = "The ticket files")
	record Artifacts(@JsonProperty("tickets_dir") @Schema(requiredMode = RequiredMode.REQUIRED) String ticketsDir,
			@Schema(requiredMode = RequiredMode.REQUIRED, minimum = "0") int count,
			@Schema(requiredMode = RequiredMode.REQUIRED) List<Artifact> items) {
	}

	@Schema(name = "Artifact")
	record Artifact(@Schema(requiredMode = RequiredMode.REQUIRED) String name,
			@Schema(requiredMode = RequiredMode.REQUIRED, minimum = "0") long bytes) {
	}

	@Schema(name = "DeadLetters", description = "Records of sidefx.dlq: JSON as it was written, else its text")
	record DeadLetters(@Schema(requiredMode = RequiredMode.REQUIRED, minimum = "0") int count,
			@Schema(requiredMode = RequiredMode.REQUIRED) List<Object> items) {
	}

}
