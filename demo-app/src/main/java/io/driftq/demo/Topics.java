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
