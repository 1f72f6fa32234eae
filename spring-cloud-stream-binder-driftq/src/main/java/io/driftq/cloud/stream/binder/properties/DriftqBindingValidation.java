package io.driftq.cloud.stream.binder.properties;

import java.time.Duration;

/**
 * Checks of binding settings, each failing with a message naming the property. Run for the configured bindings when
 * the binder starts (Spring Cloud Stream would otherwise only log a failed binding and retry it every 30 seconds),
 * and again when a binding is created.
 */
public final class DriftqBindingValidation {

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
		Integer partitions = consumer.getPartitions();
		if (partitions != null && partitions < 1) {
			throw new IllegalArgumentException("spring.cloud.stream.driftq.bindings." + binding
					+ ".consumer.partitions must be at least 1, was " + partitions);
		}
	}

	/**
	 * @param binding the binding name
	 * @param producer the binding's DriftQ producer settings
	 * @throws IllegalArgumentException when the retry policy has fewer than 2 attempts or a negative back-off
	 */
	public static void producer(String binding, DriftqProducerProperties producer) {
		String prefix = "spring.cloud.stream.driftq.bindings." + binding + ".producer.";
		if (producer.getRetryMaxAttempts() < 2) {
			throw new IllegalArgumentException(prefix + "retry-max-attempts must be at least 2 (DriftQ dead-letters a"
					+ " message whose lease lapses once when max_attempts is 1), was " + producer.getRetryMaxAttempts());
		}
		notNegative(prefix + "retry-backoff", producer.getRetryBackoff());
		notNegative(prefix + "retry-max-backoff", producer.getRetryMaxBackoff());
	}

	private static void notNegative(String property, Duration value) {
		if (value == null || value.isNegative()) {
			throw new IllegalArgumentException(property + " must not be negative, was " + value);
		}
	}

}
