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

package io.driftq.benchmarks.worker;

import java.nio.file.Path;

/**
 * A worker that drains {@code sidefx.commands} in the group {@value #GROUP}, started and
 * stopped by a phase.
 */
interface DrainedWorker extends AutoCloseable {

	/** The group both the seed's and the demo's worker use by default. */
	String GROUP = "sidefx-worker";

	/** What it is, for the output. */
	String name();

	/**
	 * How many commands it handles at once, when the benchmark cannot ask it.
	 * @return 1 unless the worker says otherwise
	 */
	default int concurrency() {
		return 1;
	}

	/**
	 * Starts the worker.
	 * @param driftqUrl the server
	 * @param workDirectory where its database, artifacts and log go
	 */
	void start(String driftqUrl, Path workDirectory);

	/** Throws when the worker has stopped by itself. */
	void checkAlive();

	/**
	 * CPU time the worker has used so far, in nanoseconds, or {@code -1} when it cannot
	 * be told apart.
	 */
	long cpuNanos();

	/** Stops the worker; unsettled commands are left to the (discarded) server. */
	@Override
	void close();

}
