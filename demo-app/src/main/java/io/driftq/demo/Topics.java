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

/** The demo's DriftQ topics, the same names as the Python starter's. */
public final class Topics {

	/** Commands for the worker. */
	public static final String COMMANDS = "sidefx.commands";

	/** Runs that used up their attempts, and malformed commands. */
	public static final String DLQ = "sidefx.dlq";

	/** Prefix of each run's own events topic. */
	public static final String EVENTS_PREFIX = "sidefx.events.";

	private Topics() {
	}

	/**
	 * The events topic of a run.
	 * @param runId the run
	 * @return {@code sidefx.events.<run_id>}
	 */
	public static String events(String runId) {
		return EVENTS_PREFIX + runId;
	}

}
