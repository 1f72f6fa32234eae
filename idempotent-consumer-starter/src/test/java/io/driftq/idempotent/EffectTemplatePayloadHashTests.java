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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The payload hash must not depend on a map's iteration order: a redelivery in another
 * JVM (after a crash) would otherwise be refused as a payload mismatch.
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
