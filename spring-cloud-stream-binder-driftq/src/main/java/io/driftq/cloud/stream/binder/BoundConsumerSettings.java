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

package io.driftq.cloud.stream.binder;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.driftq.cloud.stream.binder.properties.DriftqConsumerProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;

/**
 * The settings each bound consumer binding actually uses (the
 * {@link ExtendedConsumerProperties} its consume streams were opened with: lease, ack
 * mode), by destination. Spring Cloud Stream asks the binder for a consumer binding's
 * additional properties by its destination name only; looking the binding up again by
 * that name in the configuration finds the wrong one when another binding names the same
 * destination (a producer binding) or when the binding has several destinations
 * ({@code a,b}), and its defaults were shown instead of the lease sent to DriftQ.
 */
final class BoundConsumerSettings {

	private final Map<String, List<ExtendedConsumerProperties<DriftqConsumerProperties>>> byDestination = new ConcurrentHashMap<>();

	/** A consumer binding was bound to {@code destination} with {@code properties}. */
	void bound(String destination, ExtendedConsumerProperties<DriftqConsumerProperties> properties) {
		this.byDestination.computeIfAbsent(destination, (key) -> new CopyOnWriteArrayList<>()).add(properties);
	}

	/** The consumer binding bound with {@code properties} was unbound. */
	void unbound(String destination, ExtendedConsumerProperties<DriftqConsumerProperties> properties) {
		List<ExtendedConsumerProperties<DriftqConsumerProperties>> bound = this.byDestination.get(destination);
		if (bound != null) {
			bound.removeIf((candidate) -> candidate == properties);
		}
	}

	/**
	 * The settings of the consumer binding bound to {@code destination} (the first bound
	 * when several are, e.g. two groups on one topic), or {@code null} when none is.
	 */
	@Nullable ExtendedConsumerProperties<DriftqConsumerProperties> find(String destination) {
		List<ExtendedConsumerProperties<DriftqConsumerProperties>> bound = this.byDestination.get(destination);
		return (bound == null || bound.isEmpty()) ? null : bound.get(0);
	}

}
