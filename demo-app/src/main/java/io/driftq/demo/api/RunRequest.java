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

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /runs}, the Python starter's request with its defaults.
 *
 * @param businessKey your real-world key (order id, payment intent, ticket id); required, 1-200 characters, no
 * control characters
 * @param amount the amount, 49.99 when absent; 0 to 1,000,000 with at most 2 decimals (so never infinite or NaN:
 * a JSON number too large for a double is refused, not charged as {@code Infinity})
 * @param failBeforeEffectN how many first attempts fail before the side effect (proves retries are safe)
 * @param failMode {@code none}, {@code crash_after_effect_before_ack} or {@code crash_during_effect}
 * @param maxAttempts attempts before the run goes to the DLQ, 5 when absent
 */
public record RunRequest(
		@JsonProperty("business_key") @NotBlank @Size(max = 200) @Pattern(regexp = "[^\\p{Cntrl}]*",
				message = "must not contain control characters") String businessKey,
		@JsonProperty("amount") @DecimalMin(value = "0.0") @DecimalMax("1000000") @Digits(integer = 7,
				fraction = 2) BigDecimal amount,
		@JsonProperty("fail_before_effect_n") @Min(0) @Max(100) Integer failBeforeEffectN,
		@JsonProperty("fail_mode") @Pattern(regexp = "none|crash_after_effect_before_ack|crash_during_effect",
				message = "must be 'none', 'crash_after_effect_before_ack' or 'crash_during_effect'") String failMode,
		@JsonProperty("max_attempts") @Min(1) @Max(100) Integer maxAttempts) {

	public RunRequest {
		amount = (amount != null) ? amount : new BigDecimal("49.99");
		failBeforeEffectN = (failBeforeEffectN != null) ? failBeforeEffectN : 0;
		failMode = (failMode != null) ? failMode : "none";
		maxAttempts = (maxAttempts != null) ? maxAttempts : 5;
	}

}
