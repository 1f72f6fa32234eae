package io.driftq.idempotent.crash;

/**
 * Where the child process stops (and waits to be killed with SIGKILL).
 */
enum CrashPoint {

	/** Inside the callback, the claim taken, before the external effect. */
	AFTER_CLAIM("after-claim"),

	/** Inside the callback, after the external effect, before the callback returns (no completion stored). */
	AFTER_EFFECT("after-effect"),

	/** After {@code execute} returned: the row is SUCCEEDED. */
	AFTER_COMPLETION("after-completion");

	private final String argument;

	CrashPoint(String argument) {
		this.argument = argument;
	}

	String argument() {
		return this.argument;
	}

	String markerName() {
		return "at-" + this.argument;
	}

	static CrashPoint of(String argument) {
		for (CrashPoint point : values()) {
			if (point.argument.equals(argument)) {
				return point;
			}
		}
		throw new IllegalArgumentException("Unknown crash point '" + argument + "'");
	}

}
