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

package io.driftq.demo;

import java.util.regex.Pattern;

/**
 * What a run id can be, for the API and the worker alike: 1-64 ASCII letters, digits,
 * {@code .}, {@code _} or {@code -}, not starting with {@code .}. The API's ids (32 hex
 * digits) and the Python starter's fit. The rule is what a URL path can carry to the API
 * unchanged: the servlet stack refuses encoded {@code /}, {@code \} and {@code ;} (Spring
 * Security's firewall) and reads {@code .} and {@code ..} as path segments.
 */
public final class RunIds {

	/** The rule as a regular expression (also the OpenAPI document's pattern). */
	public static final String PATTERN = "^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$";

	/** What a command's error says when its run id breaks the rule. */
	public static final String RULE = "1-64 ASCII letters, digits, '.', '_' or '-', not starting with '.'";

	private static final Pattern COMPILED = Pattern.compile(PATTERN);

	private RunIds() {
	}

	/**
	 * Whether the text can be a run id at all.
	 * @param runId the text
	 * @return {@code true} if it follows the rule
	 */
	public static boolean isValid(String runId) {
		return runId != null && COMPILED.matcher(runId).matches();
	}

}
