package io.driftq.demo.api;

/** An unknown run id; answered with 404. */
class RunNotFound extends RuntimeException {

	RunNotFound(String runId) {
		super("run not found: " + runId);
	}

}
