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

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Micrometer meters: counter {@code driftq.binder.consumer} (tags
 * {@code event, topic, group}), gauge {@code driftq.binder.in_flight} and function
 * counter {@code driftq.binder.reconnects} (tags {@code topic, group}) and timers
 * {@code driftq.binder.produce} (tags {@code topic, kind, outcome}: {@code kind} is
 * {@code send} for a producer binding, {@code dead_letter} or {@code republish} for the
 * binder's own writes) and {@code driftq.binder.produce.blocked} (tag {@code topic}: time
 * sends waited for room in a full partition).
 */
public class MicrometerDriftqBinderMetrics implements DriftqBinderMetrics {

	private final MeterRegistry registry;

	/** Micrometer holds function counter state weakly: keep the suppliers reachable. */
	private final List<Object> states = new CopyOnWriteArrayList<>();

	/**
	 * The meters of the per-message calls, built and registered once per tag set: looking
	 * a meter up through its builder builds and sorts its tags and queries the registry
	 * on every message.
	 */
	private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

	private final Map<List<String>, Timer> timers = new ConcurrentHashMap<>();

	private final Map<String, Timer> blockedTimers = new ConcurrentHashMap<>();

	/**
	 * (topic, group) → the in-flight and reconnect suppliers of each consumer binding
	 * with those tags.
	 */
	private final Map<List<String>, List<ConsumerSuppliers>> consumerSuppliers = new ConcurrentHashMap<>();

	public MicrometerDriftqBinderMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void consumerEvent(String event, String topic, String group) {
		this.counters
			.computeIfAbsent(List.of(event, topic, group),
					(key) -> Counter.builder("driftq.binder.consumer")
						.description("DriftQ binder consumer events")
						.tag("event", event)
						.tag("topic", topic)
						.tag("group", group)
						.register(this.registry))
			.increment();
	}

	@Override
	public void consumerGauges(String topic, String group, Supplier<Number> inFlight, Supplier<Number> reconnects) {
		// Micrometer keeps the first meter of a name and tags and ignores later
		// registrations: the bindings of one topic and group (a push and a polled
		// binding, a binding created again) are summed into one meter
		List<ConsumerSuppliers> bindings = this.consumerSuppliers.computeIfAbsent(List.of(topic, group), (key) -> {
			List<ConsumerSuppliers> registered = new CopyOnWriteArrayList<>();
			this.states.add(registered);
			Gauge.builder("driftq.binder.in_flight", registered, (all) -> sum(all, ConsumerSuppliers::inFlight))
				.description("DriftQ binder messages being handled")
				.tag("topic", topic)
				.tag("group", group)
				.register(this.registry);
			FunctionCounter
				.builder("driftq.binder.reconnects", registered, (all) -> sum(all, ConsumerSuppliers::reconnects))
				.description("DriftQ binder consume stream reconnects")
				.tag("topic", topic)
				.tag("group", group)
				.register(this.registry);
			return registered;
		});
		bindings.add(new ConsumerSuppliers(inFlight, reconnects));
	}

	private static double sum(List<ConsumerSuppliers> bindings, Function<ConsumerSuppliers, Supplier<Number>> figure) {
		double sum = 0;
		for (ConsumerSuppliers binding : bindings) {
			sum += figure.apply(binding).get().doubleValue();
		}
		return sum;
	}

	/** One consumer binding's figures. */
	private record ConsumerSuppliers(Supplier<Number> inFlight, Supplier<Number> reconnects) {
	}

	@Override
	public void overloadRetries(Supplier<Number> overloadRetries) {
		this.states.add(overloadRetries);
		FunctionCounter
			.builder("driftq.binder.produce.overload_retries", overloadRetries,
					(supplier) -> supplier.get().doubleValue())
			.description("DriftQ produces answered 429 (partition full) and retried")
			.register(this.registry);
	}

	@Override
	public void produced(String topic, long nanos, boolean success) {
		produced(topic, SEND, nanos, success);
	}

	@Override
	public void produced(String topic, String kind, long nanos, boolean success) {
		String outcome = success ? "success" : "failure";
		this.timers
			.computeIfAbsent(List.of(topic, kind, outcome),
					(key) -> Timer.builder("driftq.binder.produce")
						.description("DriftQ binder produce latency")
						.tag("topic", topic)
						.tag("kind", kind)
						.tag("outcome", outcome)
						.register(this.registry))
			.record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void produceBlocked(String topic, long nanos) {
		this.blockedTimers
			.computeIfAbsent(topic,
					(key) -> Timer.builder("driftq.binder.produce.blocked")
						.description("Time DriftQ binder sends waited for room in a full partition")
						.tag("topic", topic)
						.register(this.registry))
			.record(nanos, TimeUnit.NANOSECONDS);
	}

}
