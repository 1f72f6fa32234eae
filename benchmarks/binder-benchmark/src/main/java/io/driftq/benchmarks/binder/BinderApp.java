package io.driftq.benchmarks.binder;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;

import io.driftq.cloud.stream.binder.DriftqHeaders;
import io.driftq.cloud.stream.binder.metrics.DriftqBinderMetrics;

/**
 * The binder path's application: a {@code Consumer<Message<byte[]>>} bound with the DriftQ binder (AUTO ack). The
 * {@link Tracker} of the round is registered by the benchmark before the context refreshes.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class BinderApp {

	/** The function the benchmark binds ({@code bench-in-0}). */
	@Bean
	Consumer<Message<byte[]>> bench(Tracker tracker) {
		return (message) -> {
			Object attempts = message.getHeaders().get(DriftqHeaders.ATTEMPTS);
			tracker.received(new String(message.getPayload(), StandardCharsets.UTF_8),
					(attempts instanceof Number number) ? number.intValue() : 1);
		};
	}

	/** The binder reports each ack here after DriftQ answered it: that is where a binder round ends. */
	@Bean
	DriftqBinderMetrics benchMetrics(Tracker tracker) {
		return new DriftqBinderMetrics() {

			@Override
			public void consumerEvent(String event, String topic, String group) {
				if ("acked".equals(event)) {
					tracker.acked();
				}
			}

		};
	}

}
