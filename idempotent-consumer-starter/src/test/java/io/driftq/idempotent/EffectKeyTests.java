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
	void missingPartsAreNamed() {
		assertThatIllegalArgumentException().isThrownBy(() -> EffectKey.of(null, "s", "b")).withMessageContaining("'run'");
		assertThatIllegalArgumentException().isThrownBy(() -> EffectKey.of("r", " ", "b")).withMessageContaining("'step'");
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
