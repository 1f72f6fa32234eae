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

package io.driftq.demo;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The command on {@code sidefx.commands}, field for field the one the Python starter's
 * API produces ({@code type = "run.command"}), so that either side's API and worker
 * interoperate.
 *
 * @param ts epoch milliseconds when the command was made
 * @param type always {@value #TYPE}
 * @param runId the run
 * @param eventsTopic where the run's events go
 * @param stepId the step, {@code charge_card}
 * @param businessKey the real-world key (order id, payment intent, ticket id)
 * @param amount the amount to charge
 * @param attempt the attempt this message starts at (the Python worker re-sends commands
 * with attempt + 1; this worker retries through the binder and counts deliveries on top
 * of it)
 * @param maxAttempts attempts before the run goes to {@code sidefx.dlq}
 * @param failBeforeEffectN how many first attempts fail before the effect, on purpose
 * @param failMode {@code none}, {@code crash_after_effect_before_ack} or
 * {@code crash_during_effect}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Command(long ts, String type, @JsonProperty("run_id") String runId,
		@JsonProperty("events_topic") String eventsTopic, @JsonProperty("step_id") String stepId,
		@JsonProperty("business_key") String businessKey, double amount, int attempt,
		@JsonProperty("max_attempts") int maxAttempts, @JsonProperty("fail_before_effect_n") int failBeforeEffectN,
		@JsonProperty("fail_mode") String failMode) {

	/** The command's {@code type}. */
	public static final String TYPE = "run.command";

	/** The only step of the demo run. */
	public static final String CHARGE_CARD = "charge_card";

	/** The crash demo's fail mode. */
	public static final String CRASH_AFTER_EFFECT_BEFORE_ACK = "crash_after_effect_before_ack";

	/**
	 * The mid-effect crash demo's fail mode (the worker halts after the charge, before
	 * the effect is done).
	 */
	public static final String CRASH_DURING_EFFECT = "crash_during_effect";

	/** The step, {@code charge_card} when absent (as the Python worker assumes). */
	public String stepOrDefault() {
		return (this.stepId == null || this.stepId.isBlank()) ? CHARGE_CARD : this.stepId;
	}

	/** The events topic, derived from the run id when absent. */
	public String eventsTopicOrDefault() {
		return (this.eventsTopic == null || this.eventsTopic.isBlank()) ? Topics.events(this.runId) : this.eventsTopic;
	}

	/** Attempts before the DLQ, 5 when absent or nonsensical. */
	public int maxAttemptsOrDefault() {
		return (this.maxAttempts > 0) ? this.maxAttempts : 5;
	}

	/** Whether the worker halts right after the effect, before the ack. */
	public boolean crashAfterEffect() {
		return CRASH_AFTER_EFFECT_BEFORE_ACK.equals(this.failMode);
	}

	/**
	 * Whether the worker halts inside the effect, once the charge and the ticket exist.
	 */
	public boolean crashDuringEffect() {
		return CRASH_DURING_EFFECT.equals(this.failMode);
	}

}
