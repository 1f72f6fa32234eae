package io.driftq.demo.worker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The demo's on-purpose crashes ({@code fail_mode}): halt, not exit: no shutdown hooks, no graceful unbinding, no
 * ack; as abrupt as {@code kill -9}.
 */
@Component
class WorkerCrash {

	/** Exit status of the on-purpose crash, as the Python worker's {@code os._exit(137)}. */
	static final int CRASH_STATUS = 137;

	private static final Logger logger = LoggerFactory.getLogger(WorkerCrash.class);

	void now(String when) {
		logger.warn("[chaos] crashing worker NOW ({})", when);
		Runtime.getRuntime().halt(CRASH_STATUS);
	}

}
