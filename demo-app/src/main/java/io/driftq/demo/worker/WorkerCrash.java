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

package io.driftq.demo.worker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The demo's on-purpose crashes ({@code fail_mode}): halt, not exit: no shutdown hooks,
 * no graceful unbinding, no ack; as abrupt as {@code kill -9}.
 */
@Component
class WorkerCrash {

	/**
	 * Exit status of the on-purpose crash, as the Python worker's {@code os._exit(137)}.
	 */
	static final int CRASH_STATUS = 137;

	private static final Logger logger = LoggerFactory.getLogger(WorkerCrash.class);

	void now(String when) {
		logger.warn("[chaos] crashing worker NOW ({})", when);
		Runtime.getRuntime().halt(CRASH_STATUS);
	}

}
