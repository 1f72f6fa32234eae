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

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.driftq.idempotent.EffectStore.ClaimResult;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;

/**
 * Answers a call whose claim was not granted because the effect key was there before:
 * replays a stored result (through the {@link EffectReplayHook replay hooks}), or throws
 * for an effect that failed, is in progress, has an unknown outcome or was claimed with
 * another payload.
 */
final class DuplicateEffects {

	private final EffectResultCodec codec;

	private volatile List<EffectReplayHook> replayHooks = List.of();

	DuplicateEffects(EffectResultCodec codec) {
		this.codec = codec;
	}

	void setReplayHooks(List<EffectReplayHook> replayHooks) {
		this.replayHooks = List.copyOf(replayHooks);
	}

	/**
	 * Answers a duplicate.
	 * @param claim the claim
	 * @param id the effect id
	 * @param idempotencyKey the effect's downstream idempotency key
	 * @param resultType the result type ({@code void} for none)
	 * @param observation the call's observation
	 * @return the replayed outcome, or {@code null} if the claim was granted and the
	 * effect runs
	 * @throws IdempotentEffectException if the effect cannot be run or replayed now
	 */
	@Nullable EffectOutcome<Object> answer(ClaimResult claim, String id, String idempotencyKey, JavaType resultType,
			EffectObservation observation) {
		if (claim.acquired()) {
			return null;
		}
		// every other kind comes with the row as seen
		EffectRecord row = Objects.requireNonNull(claim.record(), "claim.record()");
		switch (claim.kind()) {
			case SUCCEEDED -> {
				observation.outcome("replayed");
				Object result = this.codec.read(row.result(), resultType);
				for (EffectReplayHook hook : this.replayHooks) {
					result = hook.onReplay(row, result);
				}
				return new EffectOutcome<>(result, true, id, idempotencyKey, row.attempts());
			}
			case FAILED -> {
				observation.outcome("replayed");
				throw new EffectFailedException(id, "Effect '" + id + "' failed earlier: " + row.error());
			}
			case IN_PROGRESS -> {
				observation.outcome("in_progress");
				Duration remaining = row.leaseRemaining();
				throw new EffectInProgressException(id, "Effect '" + id + "' is in progress (attempt " + row.attempts()
						+ ", claim lease left " + remaining.toMillis() + " ms); retry later", remaining);
			}
			case UNKNOWN -> {
				observation.outcome("unknown");
				throw new EffectOutcomeUnknownException(id,
						"Effect '" + id + "' has an unknown outcome: its claim expired "
								+ "without completion; resolve it before it can run again");
			}
			case PAYLOAD_MISMATCH -> {
				observation.tag("payload_mismatch");
				throw new EffectPayloadMismatchException(id,
						"Effect '" + id + "' was already claimed with a different payload");
			}
			default -> {
				return null;
			}
		}
	}

}
