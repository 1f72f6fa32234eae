package io.driftq.benchmarks.worker;

import java.nio.file.Path;

/** A worker that drains {@code sidefx.commands} in the group {@value #GROUP}, started and stopped by a phase. */
interface DrainedWorker extends AutoCloseable {

	/** The group both the seed's and the demo's worker use by default. */
	String GROUP = "sidefx-worker";

	/** What it is, for the output. */
	String name();

	/**
	 * Starts the worker.
	 * @param driftqUrl the server
	 * @param workDirectory where its database, artifacts and log go
	 */
	void start(String driftqUrl, Path workDirectory);

	/** Throws when the worker has stopped by itself. */
	void checkAlive();

	/** CPU time the worker has used so far, in nanoseconds, or {@code -1} when it cannot be told apart. */
	long cpuNanos();

	/** Stops the worker; unsettled commands are left to the (discarded) server. */
	@Override
	void close();

}
