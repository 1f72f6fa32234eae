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

import io.driftq.client.DriftqClient;
import io.driftq.client.model.Envelope;
import io.driftq.client.model.ProduceRequest;
import io.driftq.client.model.RetryPolicy;

/**
 * The raw path: one client, the producer thread(s), {@code partitions} subscriptions of one group, each with a
 * worker thread that takes a message, records it and acks it, as the binder's workers do: the binder's threading,
 * without the binder. Set up once.
 */
final class RawPath implements BenchmarkPath {

	private final String topic;

	private final Settings settings;

	private final RoundRunner runner;

	private final CurrentRound current = new CurrentRound();

	private final DriftqClient client;

	private final RawConsumers consumers;

	/** Diagnostic {@code rawEnvelope}: the envelope the binder's producer sends by default (its retry policy). */
	private final Envelope envelope;

	private int round;

	RawPath(String url, String run, Settings settings, RoundRunner runner) {
		this.topic = "bench-raw-" + run;
		this.settings = settings;
		this.runner = runner;
		this.client = DriftqClient.builder(url).build();
		this.client.createTopic(this.topic, settings.partitions());
		this.consumers = new RawConsumers(this.client, this.topic, settings.partitions(), settings.partitions(), 1,
				Settings.BUFFER_SIZE, this.current, "raw");
		this.envelope = settings.rawEnvelope()
				? Envelope.builder().retryPolicy(new RetryPolicy(5, 1000, 30000)).build() : null;
	}

	@Override
	public Stats.Round round(int messages) throws Exception {
		Tracker tracker = new Tracker(messages, this.settings.window());
		this.current.set(tracker);
		Stats.Round round = this.runner.run(tracker, this.topic + "-" + (++this.round), this.settings.producers(),
				(key, value) -> this.client.produce(new ProduceRequest(this.topic, key, value, this.envelope)));
		this.consumers.check();
		return round;
	}

	@Override
	public void close() throws InterruptedException {
		this.consumers.close();
		this.client.close();
	}

}
