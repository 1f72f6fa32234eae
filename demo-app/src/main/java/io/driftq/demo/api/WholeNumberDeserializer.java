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

package io.driftq.demo.api;

import java.math.BigDecimal;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * A count: a JSON number with no fractional part, as JSON Schema's {@code integer} means
 * it ({@code 78} and {@code 78.0} are both 78); {@code 1.5} is refused, never truncated,
 * and so are texts and booleans. Values beyond an {@code int} are refused too (the bean
 * constraints bound the field further).
 */
class WholeNumberDeserializer extends ValueDeserializer<Integer> {

	@Override
	public Integer deserialize(JsonParser parser, DeserializationContext context) {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
			BigDecimal value = parser.getDecimalValue();
			try {
				return value.stripTrailingZeros().intValueExact();
			}
			catch (ArithmeticException ex) {
				return context.reportInputMismatch(Integer.class, "must be a whole number within 32 bits, not %s",
						parser.getString());
			}
		}
		return context.reportInputMismatch(Integer.class, "must be a whole number, not %s", token);
	}

}
