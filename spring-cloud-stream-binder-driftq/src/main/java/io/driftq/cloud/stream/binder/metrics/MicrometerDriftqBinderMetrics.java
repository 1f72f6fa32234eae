package io.driftq.cloud.stream.binder.metrics;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Micrometer meters: counter {@code driftq.binder.consumer} (tags {@code event, topic, group}) and timer
 * {@code driftq.binder.produce} (tags {@code topic, outcome}).
 */
public class MicrometerDriftqBinderMetrics implements DriftqBinderMetrics {

	private final MeterRegistry registry;

	public MicrometerDriftqBinderMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void consumerEvent(String event, String topic, String group) {
		Counter.builder("driftq.binder.consumer")
			.description("DriftQ binder consumer events")
			.tag("event", event)
			.tag("topic", topic)
			.tag("group", group)
			.register(this.registry)
			.increment();
	}

	@Override
	public void produced(String topic, long nanos, boolean success) {
		Timer.builder("driftq.binder.produce")
			.description("DriftQ binder produce latency")
			.tag("topic", topic)
			.tag("outcome", success ? "success" : "failure")
			.register(this.registry)
			.record(nanos, TimeUnit.NANOSECONDS);
	}

}
