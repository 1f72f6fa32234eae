package io.driftq.idempotent;

import java.time.Duration;

import io.driftq.idempotent.EffectStore.ClaimResult;

/**
 * Claims an effect, waiting up to the definition's {@code inProgressWait} for another attempt's live claim to
 * finish (or lapse) by polling the row with a doubling pause (50 ms up to 1 s).
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
