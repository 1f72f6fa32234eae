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

package io.driftq.cloud.stream.binder.properties;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cloud.stream.binder.ConsumerProperties;

/**
 * Checks of binding settings, each failing with a message naming the property. Run for
 * the configured bindings when the binder starts (Spring Cloud Stream would otherwise
 * only log a failed binding and retry it every 30 seconds), and again when a binding is
 * created.
 */
public final class DriftqBindingValidation {

	private static final Log logger = LogFactory.getLog(DriftqBindingValidation.class);

	/**
	 * DriftQ never delivers a message that has an idempotency key to a stream whose lease
	 * is outside this range.
	 */
	static final Duration MIN_LEASE = Duration.ofMillis(250);

	static final Duration MAX_LEASE = Duration.ofMinutes(10);

	private DriftqBindingValidation() {
	}

	/**
	 * @param binding the binding name
	 * @param partitionCount the binding's {@code producer.partition-count}
	 * @throws IllegalArgumentException when it is below 1
	 */
	public static void partitionCount(String binding, int partitionCount) {
		if (partitionCount < 1) {
			throw new IllegalArgumentException("spring.cloud.stream.bindings." + binding
					+ ".producer.partition-count must be at least 1, was " + partitionCount);
		}
	}

	/**
	 * @param binding the binding name
	 * @param consumer the binding's DriftQ consumer settings
	 * @throws IllegalArgumentException when {@code partitions} is set below 1
	 */
	public static void consumer(String binding, DriftqConsumerProperties consumer) {
		String prefix = "spring.cloud.stream.driftq.bindings." + binding + ".consumer.";
		Integer partitions = consumer.getPartitions();
		if (partitions != null && partitions < 1) {
			throw new IllegalArgumentException(prefix + "partitions must be at least 1, was " + partitions);
		}
		Duration lease = consumer.getLease();
		if (lease == null || lease.compareTo(MIN_LEASE) < 0 || lease.compareTo(MAX_LEASE) > 0) {
			throw new IllegalArgumentException(prefix + "lease must be between 250ms and 10m (DriftQ never delivers a"
					+ " message with an idempotency key to a stream whose lease is outside that range), was " + lease);
		}
		notNegative(prefix + "nack-delay", consumer.getNackDelay());
		notNegative(prefix + "shutdown-timeout", consumer.getShutdownTimeout());
		if (consumer.getBufferSize() <= 0) {
			throw new IllegalArgumentException(
					prefix + "buffer-size must be at least 1, was " + consumer.getBufferSize());
		}
		if (consumer.getMaxDeliveries() < 1) {
			throw new IllegalArgumentException(prefix + "max-deliveries must be at least 1 (the deliveries a message"
					+ " without a retry policy may use before it is dead-lettered), was "
					+ consumer.getMaxDeliveries());
		}
	}

	/**
	 * @param binding the binding name
	 * @param consumer the binding's standard consumer settings
	 * @throws IllegalArgumentException when {@code concurrency} is below 1 or a back-off
	 * setting is negative
	 */
	public static void consumer(String binding, ConsumerProperties consumer) {
		String prefix = "spring.cloud.stream.bindings." + binding + ".consumer.";
		if (consumer.getConcurrency() <= 0) {
			throw new IllegalArgumentException(
					prefix + "concurrency must be at least 1, was " + consumer.getConcurrency());
		}
		if (consumer.getBackOffInitialInterval() < 0 || consumer.getBackOffMaxInterval() < 0
				|| consumer.getBackOffMultiplier() < 0) {
			throw new IllegalArgumentException(prefix + "back-off-initial-interval, back-off-max-interval and"
					+ " back-off-multiplier must not be negative");
		}
	}

	/**
	 * Warn about standard consumer settings DriftQ cannot honour.
	 * @param binding the binding name
	 * @param consumer the binding's standard consumer settings
	 */
	public static void warnIgnored(String binding, ConsumerProperties consumer) {
		if (consumer.isPartitioned() && logger.isWarnEnabled()) {
			logger.warn("spring.cloud.stream.bindings." + binding + ".consumer.partitioned=true (instance-index "
					+ consumer.getInstanceIndex() + " of instance-count " + consumer.getInstanceCount()
					+ ") has no effect with DriftQ: the broker has no partition assignment and its consume API no"
					+ " partition filter, so every consumer of a group receives messages of every partition"
					+ " (round-robin, per message)");
		}
	}

	/**
	 * @param binding the binding name
	 * @param producer the binding's DriftQ producer settings
	 * @throws IllegalArgumentException when the retry policy has fewer than 2 attempts, a
	 * negative back-off, or {@code max-block} is negative
	 */
	public static void producer(String binding, DriftqProducerProperties producer) {
		String prefix = "spring.cloud.stream.driftq.bindings." + binding + ".producer.";
		if (producer.getRetryMaxAttempts() < 2) {
			throw new IllegalArgumentException(prefix + "retry-max-attempts must be at least 2 (DriftQ dead-letters a"
					+ " message whose lease lapses once when max_attempts is 1), was "
					+ producer.getRetryMaxAttempts());
		}
		notNegative(prefix + "retry-backoff", producer.getRetryBackoff());
		notNegative(prefix + "retry-max-backoff", producer.getRetryMaxBackoff());
		notNegative(prefix + "max-block", producer.getMaxBlock());
	}

	private static void notNegative(String property, Duration value) {
		if (value == null || value.isNegative()) {
			throw new IllegalArgumentException(property + " must not be negative, was " + value);
		}
	}

}
