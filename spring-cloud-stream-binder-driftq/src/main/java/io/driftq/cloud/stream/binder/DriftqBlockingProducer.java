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

import java.time.Duration;

import io.driftq.client.BackPressureListener;
import io.driftq.client.DriftqClient;
import io.driftq.client.exception.DriftqOverloadedException;
import io.driftq.client.model.ProduceRequest;
import io.driftq.cloud.stream.binder.health.DriftqBindingStates;
import io.driftq.cloud.stream.binder.metrics.DriftqBinderMetrics;

/**
 * Sends a producer binding's messages, waiting up to the binding's {@code max-block} for
 * room in a full partition (the client's time-bounded produce), and tells the health
 * indicator ({@link DriftqBindingStates.ProducerState}) and the
 * {@code driftq.binder.produce.blocked} timer about each wait. A send that finds no room
 * in time fails with a {@link DriftqOverloadedException} that names the topic, the time
 * waited and the property to change.
 */
final class DriftqBlockingProducer implements BackPressureListener {

	private final DriftqClient client;

	private final String bindingName;

	private final Duration maxBlock;

	private final DriftqBindingStates.ProducerState state;

	private final DriftqBinderMetrics metrics;

	DriftqBlockingProducer(DriftqClient client, String bindingName, Duration maxBlock,
			DriftqBindingStates.ProducerState state, DriftqBinderMetrics metrics) {
		this.client = client;
		this.bindingName = bindingName;
		this.maxBlock = maxBlock;
		this.state = state;
		this.metrics = metrics;
	}

	void send(ProduceRequest request) {
		try {
			this.client.produce(request, this.maxBlock, this);
		}
		catch (DriftqOverloadedException ex) {
			String reason = "DriftQ topic '" + request.topic() + "' stayed full for " + seconds(ex.getWaited())
					+ ": the send gave up at spring.cloud.stream.driftq.bindings." + this.bindingName
					+ ".producer.max-block (" + this.maxBlock + "). A consumer group that has acked on the topic lags"
					+ " 100 messages or 64 KiB behind on the partition; let it catch up (or remove it), or raise"
					+ " max-block (" + ex.getAttempts() + " attempts, server: " + ex.getServerMessage() + ")";
			DriftqOverloadedException failure = new DriftqOverloadedException(reason, ex.getServerMessage(),
					ex.getRetryAfter(), ex.getAttempts(), ex.getWaited());
			this.state.overloadFailed(reason);
			throw failure;
		}
		this.state.sent();
	}

	@Override
	public void blocked(String topic) {
		this.state.blocked();
	}

	@Override
	public void unblocked(String topic, Duration waited) {
		this.state.unblocked();
		this.metrics.produceBlocked(topic, waited.toNanos());
	}

	/** Seconds with one decimal, e.g. {@code 2.0 s}. */
	private static String seconds(Duration duration) {
		return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
	}

}
