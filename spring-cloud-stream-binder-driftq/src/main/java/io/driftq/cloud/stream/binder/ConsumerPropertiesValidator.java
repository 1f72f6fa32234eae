package io.driftq.cloud.stream.binder;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cloud.stream.binder.ConsumerProperties;

import io.driftq.cloud.stream.binder.properties.DriftqConsumerProperties;

/**
 * Checks a consumer binding's settings when it is bound, so that bad configuration fails at startup with a message
 * naming the property rather than misbehaving later.
 */
final class ConsumerPropertiesValidator {

	private static final Log logger = LogFactory.getLog(ConsumerPropertiesValidator.class);

	/** DriftQ never delivers a message that has an idempotency key to a stream whose lease is outside this range. */
	static final Duration MIN_LEASE = Duration.ofMillis(250);

	static final Duration MAX_LEASE = Duration.ofMinutes(10);

	private ConsumerPropertiesValidator() {
	}

	/**
	 * @param binding the binding name
	 * @param properties its DriftQ consumer settings
	 * @throws IllegalArgumentException naming the first bad property
	 */
	static void validate(String binding, DriftqConsumerProperties properties) {
		String prefix = "spring.cloud.stream.driftq.bindings." + binding + ".consumer.";
		Duration lease = properties.getLease();
		if (lease == null || lease.compareTo(MIN_LEASE) < 0 || lease.compareTo(MAX_LEASE) > 0) {
			throw new IllegalArgumentException(prefix + "lease must be between 250ms and 10m (DriftQ never delivers a"
					+ " message with an idempotency key to a stream whose lease is outside that range), not " + lease);
		}
		Duration nackDelay = properties.getNackDelay();
		if (nackDelay == null || nackDelay.isNegative()) {
			throw new IllegalArgumentException(prefix + "nack-delay must not be negative, not " + nackDelay);
		}
		Duration shutdownTimeout = properties.getShutdownTimeout();
		if (shutdownTimeout == null || shutdownTimeout.isNegative()) {
			throw new IllegalArgumentException(prefix + "shutdown-timeout must not be negative, not " + shutdownTimeout);
		}
		if (properties.getBufferSize() <= 0) {
			throw new IllegalArgumentException(prefix + "buffer-size must be at least 1, not " + properties.getBufferSize());
		}
	}

	/**
	 * @param binding the binding name
	 * @param properties its standard consumer settings
	 * @throws IllegalArgumentException naming the first bad property
	 */
	static void validate(String binding, ConsumerProperties properties) {
		String prefix = "spring.cloud.stream.bindings." + binding + ".consumer.";
		if (properties.getConcurrency() <= 0) {
			throw new IllegalArgumentException(prefix + "concurrency must be at least 1, not " + properties.getConcurrency());
		}
		if (properties.getBackOffInitialInterval() < 0 || properties.getBackOffMaxInterval() < 0
				|| properties.getBackOffMultiplier() < 0) {
			throw new IllegalArgumentException(prefix + "back-off-initial-interval, back-off-max-interval and"
					+ " back-off-multiplier must not be negative");
		}
	}

	/**
	 * Warn about standard settings DriftQ cannot honour.
	 * @param binding the binding name
	 * @param properties its standard consumer settings
	 */
	static void warnIgnored(String binding, ConsumerProperties properties) {
		String prefix = "spring.cloud.stream.bindings." + binding + ".consumer.";
		if (properties.isPartitioned() && logger.isWarnEnabled()) {
			logger.warn(prefix + "partitioned=true (instance-index " + properties.getInstanceIndex() + " of instance-count "
					+ properties.getInstanceCount() + ") has no effect with DriftQ: the broker has no partition"
					+ " assignment and its consume API no partition filter, so every consumer of a group receives"
					+ " messages of every partition (round-robin, per message)");
		}
	}

}
