package io.driftq.idempotent;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The payload hash must not depend on a map's iteration order: a redelivery in another JVM (after a crash) would
 * otherwise be refused as a payload mismatch.
 */
class EffectTemplatePayloadHashTests {

	private final EffectTemplate template = new EffectTemplate(null, JsonMapper.builder().build(), null,
			Duration.ofMinutes(1));

	@Test
	void mapsWithTheSameEntriesInAnotherOrderHashTheSame() {
		Map<String, Object> first = new LinkedHashMap<>();
		first.put("amount", 10);
		first.put("currency", "EUR");
		first.put("lines", List.of(Map.of("b", 2, "a", 1)));
		Map<String, Object> second = new LinkedHashMap<>();
		second.put("lines", List.of(Map.of("a", 1, "b", 2)));
		second.put("currency", "EUR");
		second.put("amount", 10);

		assertThat(this.template.payloadHash(first)).isEqualTo(this.template.payloadHash(second));
		assertThat(this.template.payloadHash(first)).isNotEqualTo(this.template.payloadHash(Map.of("amount", 11)));
	}

}
