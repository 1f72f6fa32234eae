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

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

import org.springframework.lang.Contract;

/**
 * The identity of one side effect: {@code run_id:step_id:business_key}.
 *
 * <p>
 * Every part is required. In the run and the step, {@code \} is written {@code \\} and
 * {@code :} is written {@code \:}, so the id stays unambiguous: {@code ("a:b", "c", k)}
 * and {@code ("a", "b:c", k)} are different effects. A run and step without {@code :} or
 * {@code \} appear verbatim. The business key, last, needs no escaping. An effect id
 * longer than {@link #MAX_LENGTH} characters is shortened to a readable prefix followed
 * by {@code #} and the SHA-256 hash (hex) of the full id, so distinct long keys stay
 * distinct.
 *
 * @param runId the run (workflow instance) id
 * @param stepId the step name
 * @param businessKey the business key within the step
 * @param effectId the stored effect id (possibly shortened)
 */
public record EffectKey(String runId, String stepId, String businessKey, String effectId) {

	/** Longest effect id stored verbatim. */
	public static final int MAX_LENGTH = 200;

	private static final int PREFIX_LENGTH = MAX_LENGTH - 65;

	/**
	 * Builds the key.
	 * @param runId the run id
	 * @param stepId the step id
	 * @param businessKey the business key
	 * @return the key
	 * @throws IllegalArgumentException naming the missing or blank part
	 */
	public static EffectKey of(@Nullable String runId, @Nullable String stepId, @Nullable String businessKey) {
		require("run", runId);
		require("step", stepId);
		require("businessKey", businessKey);
		String full = escape(runId) + ":" + escape(stepId) + ":" + businessKey;
		return new EffectKey(runId, stepId, businessKey, shorten(full));
	}

	@Contract("_, null -> fail")
	private static void require(String part, @Nullable String value) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(
					"Effect key part '" + part + "' must not be " + ((value != null) ? "blank" : "null"));
		}
	}

	/**
	 * The first unescaped {@code :} ends the run, the second the step: both parts escape
	 * {@code \} and {@code :}.
	 */
	private static String escape(String part) {
		if (part.indexOf(':') < 0 && part.indexOf('\\') < 0) {
			return part;
		}
		return part.replace("\\", "\\\\").replace(":", "\\:");
	}

	static String shorten(String full) {
		if (full.length() <= MAX_LENGTH) {
			return full;
		}
		return full.substring(0, PREFIX_LENGTH) + "#" + sha256(full);
	}

	/**
	 * Hex SHA-256 of a UTF-8 string.
	 * @param text the text
	 * @return 64 hex characters
	 */
	public static String sha256(String text) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public String toString() {
		return this.effectId;
	}

}
