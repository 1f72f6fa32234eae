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
