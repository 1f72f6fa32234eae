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

import org.jspecify.annotations.Nullable;

/**
 * One row of the effect table, as read.
 *
 * @param effectId the effect id
 * @param runId the run id
 * @param stepId the step id
 * @param businessKey the business key
 * @param status the status
 * @param fencingToken the current fencing token
 * @param leaseUntil lease end in epoch millis on the database clock, or {@code null}
 * (released claim or completed effect)
 * @param attempts number of claims taken
 * @param payloadHash SHA-256 of the payload
 * @param result the stored result (JSON) or {@code null}
 * @param error the stored error or {@code null}
 * @param createdAt epoch millis (database clock)
 * @param updatedAt epoch millis (database clock)
 * @param leaseExpired whether the lease ended, judged on the database clock at read time
 * @param leaseRemainingMillis how much of the lease was left at read time (database
 * clock), 0 when none or expired
 */
public record EffectRecord(String effectId, String runId, String stepId, String businessKey, EffectStatus status,
		long fencingToken, @Nullable Long leaseUntil, int attempts, String payloadHash, @Nullable String result,
		@Nullable String error, long createdAt, long updatedAt, boolean leaseExpired, long leaseRemainingMillis) {

	public EffectRecord {
		leaseRemainingMillis = Math.max(0, leaseRemainingMillis);
	}

	/**
	 * A row without its remaining lease (as read before it was tracked).
	 */
	public EffectRecord(String effectId, String runId, String stepId, String businessKey, EffectStatus status,
			long fencingToken, @Nullable Long leaseUntil, int attempts, String payloadHash, @Nullable String result,
			@Nullable String error, long createdAt, long updatedAt, boolean leaseExpired) {
		this(effectId, runId, stepId, businessKey, status, fencingToken, leaseUntil, attempts, payloadHash, result,
				error, createdAt, updatedAt, leaseExpired, 0);
	}

	/**
	 * @return how much of the claim's lease was left when the row was read, on the
	 * database clock; never negative
	 */
	public java.time.Duration leaseRemaining() {
		return java.time.Duration.ofMillis(this.leaseRemainingMillis);
	}

}
