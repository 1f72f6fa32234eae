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
 * A path on the raw client alone: one client, producer thread(s), consume streams of one
 * group whose worker threads take a message, record it and ack it. Set up once. Two of
 * them are measured:
 * <ul>
 * <li>{@link #raw the raw path}: the binder's threading without the binder
 * ({@code partitions} streams, one worker each, the binder's read-ahead, the same
 * producer window);</li>
 * <li>{@link #ceiling the ceiling}: the fastest loop a raw {@code DriftqClient} user
 * could write against the same {@code driftqd}, to tell what the server itself can do on
 * this machine from what the binder leaves of it. More partitions (DriftQ lets only 2
 * messages per (topic, group, partition) be unacked, so partitions bound what can be in
 * flight), more streams, several workers per stream acking each message at once (the
 * pinned server has no batch or cumulative ack), several producer threads with one
 * synchronous produce each (the client has no asynchronous or batch produce; the pinned
 * server has no batch endpoint).</li>
 * </ul>
 */
final class RawPath implements BenchmarkPath {

	private final String topic;

	private final int window;

	private final int producers;

	private final RoundRunner runner;

	private final CurrentRound current = new CurrentRound();

	/** Producers and ackers share its connection pool. */
	private final DriftqClient client;

	private final RawConsumers consumers;

	/**
	 * Diagnostic {@code rawEnvelope}: the envelope the binder's producer sends by default
	 * (its retry policy).
	 */
	private final Envelope envelope;

	private int round;

	private RawPath(String url, String name, int partitions, int streams, int workers, int readAhead, int producers,
			int window, Envelope envelope, RoundRunner runner) {
		this.topic = "bench-" + name;
		this.window = window;
		this.producers = producers;
		this.runner = runner;
		this.envelope = envelope;
		this.client = DriftqClient.builder(url).build();
		this.client.createTopic(this.topic, partitions);
		this.consumers = new RawConsumers(this.client, this.topic, partitions, streams, workers, readAhead,
				this.current, name.substring(0, name.indexOf('-')));
	}

	static RawPath raw(String url, String run, Settings settings, RoundRunner runner) {
		Envelope envelope = settings.rawEnvelope()
				? Envelope.builder().retryPolicy(new RetryPolicy(5, 1000, 30000)).build() : null;
		return new RawPath(url, "raw-" + run, settings.partitions(), settings.partitions(), 1, Settings.BUFFER_SIZE,
				settings.producers(), settings.window(), envelope, runner);
	}

	static RawPath ceiling(String url, String run, Settings.Ceiling ceiling, RoundRunner runner) {
		return new RawPath(url, "ceiling-" + run, ceiling.partitions(), ceiling.streams(), ceiling.workers(),
				ceiling.readAhead(), ceiling.producers(), ceiling.window(), null, runner);
	}

	@Override
	public Stats.Round round(int messages) throws Exception {
		Tracker tracker = new Tracker(messages, this.window);
		this.current.set(tracker);
		Stats.Round round = this.runner.run(tracker, this.topic + "-" + (++this.round), this.producers,
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
