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

package io.driftq.demo.worker;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the {@code charge_card} effect returns; the effect table stores it and replays it
 * to duplicates.
 *
 * @param invocationId the handler invocation that ran the effect (a replay returns an
 * older one)
 * @param chargeId the payment provider's charge id
 * @param artifactPath the ticket file
 * @param effectId the effect id {@code run_id:charge_card:business_key}
 * @param idempotencyKey the downstream idempotency key the provider saw
 * @param amount the amount charged
 */
public record ChargeReceipt(@JsonProperty("invocation_id") String invocationId,
		@JsonProperty("charge_id") String chargeId, @JsonProperty("artifact_path") String artifactPath,
		@JsonProperty("effect_id") String effectId, @JsonProperty("idempotency_key") String idempotencyKey,
		double amount) {

	/**
	 * Whether this receipt comes from the given invocation (rather than a replay of an
	 * earlier one).
	 * @param invocation the current handler invocation
	 * @return whether the effect ran in it
	 */
	public boolean ranIn(String invocation) {
		return invocation.equals(this.invocationId);
	}

}
