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

package io.driftq.demo.worker;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The worker's settings ({@code sidefx.worker.*}).
 *
 * @param unknownRuns what to do with a command whose run no API of this run table created
 * @param eventSenders threads that send run events off the handlers' threads (one topic
 * at a time each)
 * @param maxPendingEvents run events that may wait to be sent before a handler waits for
 * room
 */
@ConfigurationProperties("sidefx.worker")
public record WorkerProperties(UnknownRuns unknownRuns, Integer eventSenders, Integer maxPendingEvents) {

	public WorkerProperties {
		unknownRuns = (unknownRuns != null) ? unknownRuns : UnknownRuns.DEAD_LETTER;
		eventSenders = (eventSenders != null) ? eventSenders : 8;
		maxPendingEvents = (maxPendingEvents != null) ? maxPendingEvents : 1000;
	}

	/** A command for a run that is not in the run table. */
	public enum UnknownRuns {

		/**
		 * Dead-letter it with its reason and charge nothing: only runs created through
		 * this API's {@code POST /runs} (which registers the run before it sends the
		 * command) are charged.
		 */
		DEAD_LETTER,

		/**
		 * Register the run and handle the command: for commands of another API on the
		 * same topics that has its own run table, such as the Python side-effects
		 * starter's.
		 */
		REGISTER

	}

}
