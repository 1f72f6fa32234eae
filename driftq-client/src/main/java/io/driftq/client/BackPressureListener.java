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

package io.driftq.client;

import java.time.Duration;

/**
 * Told when a time-bounded produce
 * ({@link DriftqClient#produce(io.driftq.client.model.ProduceRequest, Duration, BackPressureListener)})
 * waits for room in a full partition. Called on the producing thread.
 */
public interface BackPressureListener {

	/** A listener that ignores everything. */
	BackPressureListener NONE = new BackPressureListener() {
	};

	/**
	 * The partition is full (DriftQ answered 429): the produce waits for room. Called
	 * once per produce, at its first 429.
	 * @param topic the topic
	 */
	default void blocked(String topic) {
	}

	/**
	 * A produce that was {@link #blocked} stopped waiting: it went through, or it gave up
	 * (and {@link io.driftq.client.exception.DriftqOverloadedException} follows).
	 * @param topic the topic
	 * @param waited how long it waited since the first 429
	 */
	default void unblocked(String topic, Duration waited) {
	}

}
