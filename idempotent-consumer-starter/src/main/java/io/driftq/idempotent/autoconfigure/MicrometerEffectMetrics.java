package io.driftq.idempotent.autoconfigure;

import io.driftq.idempotent.EffectMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Counts effect events as {@code driftq.effects} counters tagged {@code event} and {@code step},
 * when a {@link MeterRegistry} bean exists.
 */
public class MicrometerEffectMetrics implements EffectMetrics {

	private final ObjectProvider<MeterRegistry> registry;

	public MicrometerEffectMetrics(ObjectProvider<MeterRegistry> registry) {
		this.registry = registry;
	}

	@Override
	public void record(String event, String step) {
		MeterRegistry meterRegistry = this.registry.getIfAvailable();
		if (meterRegistry != null) {
			Counter.builder("driftq.effects").description("Idempotent effect events").tag("event", event)
				.tag("step", step).register(meterRegistry).increment();
		}
	}

}
