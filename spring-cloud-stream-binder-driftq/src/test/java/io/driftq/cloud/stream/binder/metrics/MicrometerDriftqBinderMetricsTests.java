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

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The meters are registered once per tag set and then reused: counts and timings still
 * land on the meter with the right tags.
 */
class MicrometerDriftqBinderMetricsTests {

	@Test
	void consumerEventsCountPerEventTopicAndGroup() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		MicrometerDriftqBinderMetrics metrics = new MicrometerDriftqBinderMetrics(registry);
		metrics.consumerEvent("received", "orders", "workers");
		metrics.consumerEvent("received", "orders", "workers");
		metrics.consumerEvent("acked", "orders", "workers");
		metrics.consumerEvent("received", "orders", "audit");
		assertThat(registry.get("driftq.binder.consumer")
			.tags("event", "received", "topic", "orders", "group", "workers")
			.counter()
			.count()).isEqualTo(2.0);
		assertThat(registry.get("driftq.binder.consumer")
			.tags("event", "acked", "topic", "orders", "group", "workers")
			.counter()
			.count()).isEqualTo(1.0);
		assertThat(registry.get("driftq.binder.consumer")
			.tags("event", "received", "topic", "orders", "group", "audit")
			.counter()
			.count()).isEqualTo(1.0);
	}

	@Test
	void producesAreTimedPerTopicAndOutcome() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		MicrometerDriftqBinderMetrics metrics = new MicrometerDriftqBinderMetrics(registry);
		metrics.produced("orders", TimeUnit.MILLISECONDS.toNanos(2), true);
		metrics.produced("orders", TimeUnit.MILLISECONDS.toNanos(4), true);
		metrics.produced("orders", TimeUnit.MILLISECONDS.toNanos(8), false);
		assertThat(registry.get("driftq.binder.produce").tags("topic", "orders", "outcome", "success").timer().count())
			.isEqualTo(2);
		assertThat(registry.get("driftq.binder.produce")
			.tags("topic", "orders", "outcome", "success")
			.timer()
			.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(6.0);
		assertThat(registry.get("driftq.binder.produce").tags("topic", "orders", "outcome", "failure").timer().count())
			.isEqualTo(1);
	}

	@Test
	void theBindersOwnWritesAreToldApartByKind() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		MicrometerDriftqBinderMetrics metrics = new MicrometerDriftqBinderMetrics(registry);
		metrics.produced("orders", TimeUnit.MILLISECONDS.toNanos(1), true);
		metrics.produced("dlq.orders", DriftqBinderMetrics.DEAD_LETTER, TimeUnit.MILLISECONDS.toNanos(1), true);
		metrics.produced("orders", DriftqBinderMetrics.REPUBLISH, TimeUnit.MILLISECONDS.toNanos(1), false);
		assertThat(registry.get("driftq.binder.produce").tags("topic", "orders", "kind", "send").timer().count())
			.isEqualTo(1);
		assertThat(registry.get("driftq.binder.produce")
			.tags("topic", "dlq.orders", "kind", "dead_letter", "outcome", "success")
			.timer()
			.count()).isEqualTo(1);
		assertThat(registry.get("driftq.binder.produce")
			.tags("topic", "orders", "kind", "republish", "outcome", "failure")
			.timer()
			.count()).isEqualTo(1);
	}

	@Test
	void anImplementationWithoutKindsStillSeesEveryProduce() {
		java.util.List<String> seen = new java.util.ArrayList<>();
		DriftqBinderMetrics old = new DriftqBinderMetrics() {

			@Override
			public void produced(String topic, long nanos, boolean success) {
				seen.add(topic);
			}

		};
		old.produced("dlq.orders", DriftqBinderMetrics.DEAD_LETTER, 1, true);
		assertThat(seen).containsExactly("dlq.orders");
	}

	/**
	 * Two consumer bindings of one topic and group in one application (a push and a
	 * polled binding, or a binding created again): Micrometer keeps the first meter of a
	 * name and tags and ignores the later registration, so the second binding's
	 * reconnects and in-flight messages were never counted.
	 */
	@Test
	void bindingsOfOneTopicAndGroupAreSummed() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		MicrometerDriftqBinderMetrics metrics = new MicrometerDriftqBinderMetrics(registry);
		java.util.concurrent.atomic.AtomicLong firstReconnects = new java.util.concurrent.atomic.AtomicLong();
		java.util.concurrent.atomic.AtomicLong secondReconnects = new java.util.concurrent.atomic.AtomicLong();
		metrics.consumerGauges("orders", "workers", () -> 1, firstReconnects::get);
		metrics.consumerGauges("orders", "workers", () -> 2, secondReconnects::get);
		metrics.consumerGauges("orders", "audit", () -> 5, () -> 7);
		secondReconnects.set(3);
		assertThat(registry.get("driftq.binder.reconnects")
			.tags("topic", "orders", "group", "workers")
			.functionCounter()
			.count()).isEqualTo(3.0);
		firstReconnects.set(1);
		assertThat(registry.get("driftq.binder.reconnects")
			.tags("topic", "orders", "group", "workers")
			.functionCounter()
			.count()).isEqualTo(4.0);
		assertThat(registry.get("driftq.binder.in_flight").tags("topic", "orders", "group", "workers").gauge().value())
			.isEqualTo(3.0);
		assertThat(registry.get("driftq.binder.reconnects")
			.tags("topic", "orders", "group", "audit")
			.functionCounter()
			.count()).isEqualTo(7.0);
	}

}
