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

package io.driftq.idempotent.autoconfigure;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.driftq.idempotent.EffectMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.function.SingletonSupplier;

/**
 * Counts effect events as {@code driftq.effects} counters tagged {@code event} and
 * {@code step}, when a {@link MeterRegistry} bean exists. The registry is looked up once,
 * on first use, and each meter is kept once registered: these are called several times
 * per effect, and a bean lookup or a meter registration per call showed in the demo
 * worker's profile.
 */
public class MicrometerEffectMetrics implements EffectMetrics {

	private final SingletonSupplier<MeterRegistry> registry;

	private final Map<String, Counter> events = new ConcurrentHashMap<>();

	private final Map<String, Timer> latencies = new ConcurrentHashMap<>();

	public MicrometerEffectMetrics(ObjectProvider<MeterRegistry> registry) {
		this.registry = SingletonSupplier.of(registry::getIfAvailable);
	}

	@Override
	public void record(String event, String step) {
		MeterRegistry meterRegistry = this.registry.get();
		if (meterRegistry != null) {
			this.events
				.computeIfAbsent(event + '\u0000' + step,
						(key) -> Counter.builder("driftq.effects")
							.description("Idempotent effect events")
							.tag("event", event)
							.tag("step", step)
							.register(meterRegistry))
				.increment();
		}
	}

	@Override
	public void executed(String step, long nanos) {
		MeterRegistry meterRegistry = this.registry.get();
		if (meterRegistry != null) {
			this.latencies
				.computeIfAbsent(step,
						(key) -> Timer.builder("driftq.effects.latency")
							.description("Idempotent effects that ran, claim to completion")
							.tag("step", step)
							.register(meterRegistry))
				.record(nanos, TimeUnit.NANOSECONDS);
		}
	}

	@Override
	public void reaped(int rows) {
		reaped(rows, "delete");
	}

	@Override
	public void reaped(int rows, String mode) {
		MeterRegistry meterRegistry = this.registry.get();
		if (meterRegistry != null && rows > 0) {
			Counter.builder("driftq.effects.reaped")
				.description("Finished effect rows removed by retention (deleted or archived)")
				.tag("mode", mode)
				.register(meterRegistry)
				.increment(rows);
		}
	}

}
