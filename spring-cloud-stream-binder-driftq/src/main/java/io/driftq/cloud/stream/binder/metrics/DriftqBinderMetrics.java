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

package io.driftq.cloud.stream.binder.metrics;

/**
 * What the binder counts. {@link #NOOP} when Micrometer is absent.
 */
public interface DriftqBinderMetrics {

	/** Counts nothing. */
	DriftqBinderMetrics NOOP = new DriftqBinderMetrics() {
	};

	/**
	 * Count an event of a consumer binding.
	 * @param event one of {@code received, acked, nacked, dead_lettered, lease_lost}
	 * @param topic the topic
	 * @param group the group
	 */
	default void consumerEvent(String event, String topic, String group) {
	}

	/**
	 * Register the gauges of a consumer binding.
	 * @param topic the topic
	 * @param group the group
	 * @param inFlight messages being handled right now
	 * @param reconnects consume stream reconnects so far (monotonic)
	 */
	default void consumerGauges(String topic, String group, java.util.function.Supplier<Number> inFlight,
			java.util.function.Supplier<Number> reconnects) {
	}

	/**
	 * {@link #produced(String, String, long, boolean) kind} of a producer binding's send.
	 */
	String SEND = "send";

	/**
	 * {@link #produced(String, String, long, boolean) kind} of a dead letter the binder
	 * writes itself.
	 */
	String DEAD_LETTER = "dead_letter";

	/**
	 * {@link #produced(String, String, long, boolean) kind} of a deferred message the
	 * binder re-publishes.
	 */
	String REPUBLISH = "republish";

	/**
	 * Record one send of a producer binding ({@link #SEND}).
	 * @param topic the topic
	 * @param nanos how long the send took
	 * @param success whether it succeeded
	 */
	default void produced(String topic, long nanos, boolean success) {
	}

	/**
	 * Record one produce: a producer binding's send, or a record the binder writes
	 * itself. The default calls {@link #produced(String, long, boolean)}, so that an
	 * implementation written before kinds existed still sees every produce.
	 * @param topic the topic (for a dead letter: the dead letter topic)
	 * @param kind {@link #SEND}, {@link #DEAD_LETTER} or {@link #REPUBLISH}
	 * @param nanos how long the produce took
	 * @param success whether it succeeded
	 */
	default void produced(String topic, String kind, long nanos, boolean success) {
		produced(topic, nanos, success);
	}

	/**
	 * Record how long a send waited for room in a full partition (it went through or gave
	 * up afterwards).
	 * @param topic the topic
	 * @param nanos the wait, from DriftQ's first 429 to the end of the wait
	 */
	default void produceBlocked(String topic, long nanos) {
	}

	/**
	 * Register the count of produces DriftQ answered with 429 that were retried.
	 * @param overloadRetries the count so far (monotonic)
	 */
	default void overloadRetries(java.util.function.Supplier<Number> overloadRetries) {
	}

}
