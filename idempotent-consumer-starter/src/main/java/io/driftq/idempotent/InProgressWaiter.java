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

import io.driftq.idempotent.EffectStore.ClaimResult;

/**
 * Claims an effect, waiting up to the definition's {@code inProgressWait} for another
 * attempt's live claim to finish (or lapse) by polling the row with a doubling pause (50
 * ms up to 1 s).
 */
final class InProgressWaiter {

	private InProgressWaiter() {
	}

	static ClaimResult claim(EffectStore store, EffectDefinition definition, String payloadHash, Duration lease) {
		Duration wait = definition.inProgressWait();
		long deadline = System.nanoTime() + ((wait != null) ? wait.toNanos() : 0);
		long pause = 50;
		while (true) {
			ClaimResult claim = store.claim(definition.key(), payloadHash, lease, definition.onExpiredClaim());
			long left = deadline - System.nanoTime();
			if (claim.kind() != ClaimResult.Kind.IN_PROGRESS || left <= 0) {
				return claim;
			}
			try {
				Thread.sleep(Math.min(pause, Math.max(1, left / 1_000_000)));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return claim;
			}
			pause = Math.min(pause * 2, 1000);
		}
	}

}
