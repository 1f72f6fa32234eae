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

package io.driftq.benchmarks.binder;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import io.driftq.cloud.stream.binder.DriftqHeaders;
import io.driftq.cloud.stream.binder.metrics.DriftqBinderMetrics;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;

/**
 * The binder path's application: a {@code Consumer<Message<byte[]>>} bound with the
 * DriftQ binder (AUTO ack). The benchmark registers its {@link CurrentRound} before the
 * context refreshes and sets each round's {@link Tracker} in it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class BinderApp {

	/** The function the benchmark binds ({@code bench-in-0}). */
	@Bean
	Consumer<Message<byte[]>> bench(CurrentRound current) {
		return (message) -> {
			Object attempts = message.getHeaders().get(DriftqHeaders.ATTEMPTS);
			current.tracker()
				.received(new String(message.getPayload(), StandardCharsets.UTF_8),
						(attempts instanceof Number number) ? number.intValue() : 1);
		};
	}

	/**
	 * The binder reports each ack here after DriftQ answered it: that is where a binder
	 * round ends.
	 */
	@Bean
	DriftqBinderMetrics benchMetrics(CurrentRound current) {
		return new DriftqBinderMetrics() {

			@Override
			public void consumerEvent(String event, String topic, String group) {
				if ("acked".equals(event)) {
					current.tracker().acked();
				}
			}

		};
	}

}
