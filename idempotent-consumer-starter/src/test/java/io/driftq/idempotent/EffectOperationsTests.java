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
