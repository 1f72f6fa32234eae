package io.driftq.demo.worker;

/** The demo's on-purpose failure before the side effect ({@code fail_before_effect_n}). */
class ForcedFailureException extends RuntimeException {

	ForcedFailureException(String message) {
		super(message);
	}

}
