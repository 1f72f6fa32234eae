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

package io.driftq.demo.runs;

/** Where a run stands, as the API shows it. */
public enum RunStatus {

	/** Accepted, command enqueued, no worker has started it. */
	QUEUED,

	/** A worker is on it (or it failed and is waiting for its next attempt). */
	RUNNING,

	/** The step finished (its effect ran once, or was already done). */
	COMPLETED,

	/** Attempts used up; the command is in {@code sidefx.dlq}. */
	DLQ;

	/** The lower-case name used in JSON. */
	public String json() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
