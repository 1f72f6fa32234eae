package io.driftq.demo.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /runs}, the Python starter's request with its defaults.
 *
 * @param businessKey your real-world key (order id, payment intent, ticket id); required
 * @param amount the amount, 49.99 when absent
 * @param failBeforeEffectN how many first attempts fail before the side effect (proves retries are safe)
 * @param failMode {@code none} or {@code crash_after_effect_before_ack}
 * @param maxAttempts attempts before the run goes to the DLQ, 5 when absent
 */
public record RunRequest(
		@JsonProperty("business_key") @NotBlank @Size(max = 200) String businessKey,
		@JsonProperty("amount") @DecimalMin(value = "0.0") Double amount,
		@JsonProperty("fail_before_effect_n") @Min(0) @Max(100) Integer failBeforeEffectN,
		@JsonProperty("fail_mode") @Pattern(regexp = "none|crash_after_effect_before_ack",
				message = "must be 'none' or 'crash_after_effect_before_ack'") String failMode,
		@JsonProperty("max_attempts") @Min(1) @Max(100) Integer maxAttempts) {

	public RunRequest {
		amount = (amount != null) ? amount : 49.99;
		failBeforeEffectN = (failBeforeEffectN != null) ? failBeforeEffectN : 0;
		failMode = (failMode != null) ? failMode : "none";
		maxAttempts = (maxAttempts != null) ? maxAttempts : 5;
	}

}
