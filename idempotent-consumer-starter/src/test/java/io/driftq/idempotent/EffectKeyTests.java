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

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link EffectKey}.
 */
class EffectKeyTests {

	@Test
	void joinsParts() {
		assertThat(EffectKey.of("r1", "charge_card", "order-7").effectId()).isEqualTo("r1:charge_card:order-7");
	}

	@Test
	void aSeparatorInTheRunOrStepIsEscapedSoPartsNeverCollide() {
		EffectKey first = EffectKey.of("a:b", "c", "k");
		EffectKey second = EffectKey.of("a", "b:c", "k");
		assertThat(first.effectId()).isEqualTo("a\\:b:c:k");
		assertThat(second.effectId()).isEqualTo("a:b\\:c:k");
		assertThat(first.effectId()).isNotEqualTo(second.effectId());
		// the escape character is escaped too, so it cannot fake an escaped separator
		assertThat(EffectKey.of("a\\", "b", "x:y").effectId()).isEqualTo("a\\\\:b:x:y")
			.isNotEqualTo(EffectKey.of("a:b", "x", "y").effectId());
		assertThat(EffectKey.of("run\\1", "s:t", "k").effectId()).isEqualTo("run\\\\1:s\\:t:k");
		// the business key, last, is not escaped: everything after the second unescaped
		// ':' belongs to it
		assertThat(EffectKey.of("r", "s", "k:1\\2").effectId()).isEqualTo("r:s:k:1\\2");
		// the parts themselves stay as given
		assertThat(first.runId()).isEqualTo("a:b");
		assertThat(second.stepId()).isEqualTo("b:c");
	}

	@Test
	void partsWithoutSeparatorOrEscapeAreJoinedVerbatim() {
		assertThat(EffectKey.of("run-1", "charge_card", "order:7").effectId()).isEqualTo("run-1:charge_card:order:7");
	}

	@Test
	void missingPartsAreNamed() {
		assertThatIllegalArgumentException().isThrownBy(() -> EffectKey.of(null, "s", "b"))
			.withMessageContaining("'run'");
		assertThatIllegalArgumentException().isThrownBy(() -> EffectKey.of("r", " ", "b"))
			.withMessageContaining("'step'");
		assertThatIllegalArgumentException().isThrownBy(() -> EffectKey.of("r", "s", ""))
			.withMessageContaining("'businessKey'");
	}

	@Test
	void longKeysKeepAReadablePrefixAndStayUnique() {
		String base = "x".repeat(300);
		String a = EffectKey.of("run", "step", base + "a").effectId();
		String b = EffectKey.of("run", "step", base + "b").effectId();
		assertThat(a).hasSize(EffectKey.MAX_LENGTH).startsWith("run:step:xxx").isNotEqualTo(b);
		assertThat(EffectKey.of("run", "step", base + "a").effectId()).isEqualTo(a);
	}

}
