package io.driftq.demo.worker;

/**
 * The binder's in-process backoff, reported in {@code retry.considered} events as {@code backoff_s}: the planned
 * wait before attempt {@code n} (the nack delay between deliveries is not included).
 *
 * @param initialMs the first backoff
 * @param multiplier growth per attempt
 * @param maxMs the cap
 */
record RetryDelays(long initialMs, double multiplier, long maxMs) {

	double secondsBefore(int attempt) {
		double ms = this.initialMs * Math.pow(this.multiplier, Math.max(0, attempt - 1));
		return Math.round(Math.min(ms, this.maxMs) / 10.0) / 100.0;
	}

}
