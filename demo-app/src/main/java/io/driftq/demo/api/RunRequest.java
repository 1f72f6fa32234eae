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

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * {@code POST /runs}, the Python starter's request with its defaults. The constraints
 * below are the whole rule set, and the OpenAPI document shows them as they are
 * (schemathesis checks that it does): an optional field left out or sent as {@code null}
 * takes its default.
 *
 * @param businessKey your real-world key (order id, payment intent, ticket id); required,
 * 1-200 characters (code points) of well-formed Unicode, not only spaces, no control
 * characters (C0, DEL, C1)
 * @param amount the amount, 49.99 when absent; 0 to 1,000,000 with at most 2 decimals (so
 * never infinite or NaN: a JSON number too large for a double is refused, not charged as
 * {@code Infinity})
 * @param failBeforeEffectN how many first attempts fail before the side effect (proves
 * retries are safe)
 * @param failMode {@code none}, {@code crash_after_effect_before_ack} or
 * {@code crash_during_effect}
 * @param maxAttempts attempts before the run goes to the DLQ, 5 when absent
 */
@Schema(name = "RunRequest", description = "A run: charge a card once for a business key, with optional failures")
public record RunRequest(@JsonProperty("business_key") @NotNull @UnicodeText(min = 1, max = 200) @Pattern(
		regexp = KEY_PATTERN, message = KEY_MESSAGE) @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1,
				maxLength = 200, pattern = KEY_PATTERN, example = "order-1001",
				description = "your real-world key; 1-200 characters, not only spaces, no control characters") String businessKey,

		@JsonProperty("amount") @DecimalMin(value = "0.0") @DecimalMax("1000000") @Digits(integer = 7,
				fraction = 2) @Schema(types = {
						"number", "null" }, minimum = "0", maximum = "1000000", multipleOf = 0.01,
						defaultValue = "49.99", example = "49.99",
						description = "0 to 1,000,000 with at most 2 decimals; left out or null: 49.99") BigDecimal amount,

		@JsonProperty("fail_before_effect_n") @JsonDeserialize(
				using = WholeNumberDeserializer.class) @Min(0) @Max(100) @Schema(types = { "integer", "null" },
						minimum = "0", maximum = "100", defaultValue = "0",
						description = "how many first attempts fail on purpose before the side effect; null: 0") Integer failBeforeEffectN,

		@JsonProperty("fail_mode") @Pattern(regexp = FAIL_MODE_PATTERN,
				message = "must be 'none', 'crash_after_effect_before_ack' or 'crash_during_effect'") @Schema(
						types = { "string", "null" }, defaultValue = "none",
						description = "none, or crash the worker after the charge and before the ack, or during the effect;"
								+ " null: none") String failMode,

		@JsonProperty("max_attempts") @JsonDeserialize(using = WholeNumberDeserializer.class) @Min(1) @Max(100) @Schema(
				types = { "integer", "null" }, minimum = "1", maximum = "100", defaultValue = "5",
				description = "attempts before the run goes to the DLQ; null: 5") Integer maxAttempts){

	/**
	 * A business key: not only spaces (so at least one character above U+0020) and none
	 * of the control characters (C0, DEL and C1, as {@link Character#isISOControl}).
	 * Anchored, so it means the same in Java ({@code matches}), JSON Schema (ECMA-262, a
	 * search) and Python. (Lone surrogates, which no JSON Schema string holds, are
	 * refused by {@link UnicodeText}.)
	 */
	static final String KEY_PATTERN = "^ *[^\\u0000-\\u0020\\u007F-\\u009F][^\\u0000-\\u001F\\u007F-\\u009F]*$";

	static final String KEY_MESSAGE = "must not be blank nor contain control characters";

	static final String FAIL_MODE_PATTERN = "^(none|crash_after_effect_before_ack|crash_during_effect)$";

	public RunRequest {
		amount = (amount != null) ? amount : new BigDecimal("49.99");
		failBeforeEffectN = (failBeforeEffectN != null) ? failBeforeEffectN : 0;
		failMode = (failMode != null) ? failMode : "none";
		maxAttempts = (maxAttempts != null) ? maxAttempts : 5;
	}

}
