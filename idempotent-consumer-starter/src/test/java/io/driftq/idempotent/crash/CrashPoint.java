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

package io.driftq.idempotent.crash;

/**
 * Where the child process stops (and waits to be killed with SIGKILL).
 */
enum CrashPoint {

	/** Inside the callback, the claim taken, before the external effect. */
	AFTER_CLAIM("after-claim"),

	/**
	 * Inside the callback, after the external effect, before the callback returns (no
	 * completion stored).
	 */
	AFTER_EFFECT("after-effect"),

	/** After {@code execute} returned: the row is SUCCEEDED. */
	AFTER_COMPLETION("after-completion");

	private final String argument;

	CrashPoint(String argument) {
		this.argument = argument;
	}

	String argument() {
		return this.argument;
	}

	String markerName() {
		return "at-" + this.argument;
	}

	static CrashPoint of(String argument) {
		for (CrashPoint point : values()) {
			if (point.argument.equals(argument)) {
				return point;
			}
		}
		throw new IllegalArgumentException("Unknown crash point '" + argument + "'");
	}

}
