package io.driftq.demo.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer to {@code POST /runs}.
 *
 * @param runId the new run
 * @param eventsTopic the DriftQ topic of its events
 */
public record RunCreated(@JsonProperty("run_id") String runId, @JsonProperty("events_topic") String eventsTopic) {
}
