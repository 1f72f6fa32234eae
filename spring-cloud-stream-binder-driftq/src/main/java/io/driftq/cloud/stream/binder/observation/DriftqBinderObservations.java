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

package io.driftq.cloud.stream.binder.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * What the binder observes with: the registry ({@link ObservationRegistry#NOOP} unless
 * {@code spring.cloud.stream.driftq.binder.enable-observation} is on), the conventions
 * (the user's beans, else the defaults) and whether the message key may be an observation
 * key.
 */
public final class DriftqBinderObservations {

	/** Observation off: nothing is created, no trace context travels. */
	public static final DriftqBinderObservations OFF = new DriftqBinderObservations(ObservationRegistry.NOOP, null,
			null, false);

	private static final DriftqProducerObservationConvention DEFAULT_PRODUCER = new DefaultDriftqProducerObservationConvention();

	private static final DriftqConsumerObservationConvention DEFAULT_CONSUMER = new DefaultDriftqConsumerObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable DriftqProducerObservationConvention producerConvention;

	private final @Nullable DriftqConsumerObservationConvention consumerConvention;

	private final boolean messageKeyObserved;

	/**
	 * @param registry the registry
	 * @param producerConvention the user's producer convention, or {@code null} for the
	 * default
	 * @param consumerConvention the user's consumer convention, or {@code null} for the
	 * default
	 * @param messageKeyObserved whether the message key may be an observation key
	 */
	public DriftqBinderObservations(ObservationRegistry registry,
			@Nullable DriftqProducerObservationConvention producerConvention,
			@Nullable DriftqConsumerObservationConvention consumerConvention, boolean messageKeyObserved) {
		this.registry = registry;
		this.producerConvention = producerConvention;
		this.consumerConvention = consumerConvention;
		this.messageKeyObserved = messageKeyObserved;
	}

	public boolean isEnabled() {
		return !this.registry.isNoop();
	}

	public boolean isMessageKeyObserved() {
		return this.messageKeyObserved;
	}

	/** A producer observation, not started (a no-op one when observation is off). */
	public Observation producer(DriftqSenderContext context) {
		return Observation.createNotStarted(this.producerConvention, DEFAULT_PRODUCER, () -> context, this.registry);
	}

	/** A consumer observation, not started (a no-op one when observation is off). */
	public Observation consumer(DriftqReceiverContext context) {
		return Observation.createNotStarted(this.consumerConvention, DEFAULT_CONSUMER, () -> context, this.registry);
	}

}
