package io.driftq.demo.api;

/** DriftQ refused or did not answer while a request needed it; answered with 502 and nothing kept. */
class DriftqUnavailableProblem extends RuntimeException {

	DriftqUnavailableProblem(String message, Throwable cause) {
		super(message, cause);
	}

}
