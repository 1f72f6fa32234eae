package io.driftq.idempotent;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link EffectOperations#unprotected()}: every call runs, nothing is replayed.
 */
class EffectOperationsTests {

	@Test
	void unprotectedOperationsRunEveryCall() {
		EffectOperations operations = EffectOperations.unprotected();
		AtomicInteger runs = new AtomicInteger();
		EffectDefinition charge = EffectDefinition.of("run-1", "charge", "order-1");
		for (int i = 0; i < 2; i++) {
			EffectOutcome<String> outcome = operations.executeForOutcome(charge, "order-1", String.class,
					(effect) -> "run " + runs.incrementAndGet() + " attempt " + effect.attempt());
			assertThat(outcome.replayed()).isFalse();
		}
		assertThat(runs).hasValue(2);
		assertThat(operations.idempotencyKey("run-1:charge:order-1")).isEqualTo("run-1:charge:order-1");
	}

}
