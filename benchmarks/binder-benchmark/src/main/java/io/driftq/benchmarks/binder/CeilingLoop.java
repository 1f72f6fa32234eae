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

/**
 * The ceiling: the fastest loop a raw {@code DriftqClient} user could write against the same {@code driftqd}, to
 * tell what the server itself can do on this machine from what the binder leaves of it. Its own topic with more
 * partitions (DriftQ lets only 2 messages per (topic, group, partition) be unacked, so partitions bound what can be
 * in flight), several consume streams of one group, several threads per stream taking messages and acking each at
 * once (DriftQ's pinned server has no batch or cumulative ack), and several producer threads, each with one
 * synchronous produce at a time (the client has no asynchronous or batch produce; the pinned server has no batch
 * endpoint). Messages, payload, keys, window bookkeeping and measurement are those of the other two paths.
 */
final class CeilingLoop implements BenchmarkPath {

	private final String topic;

	private final Settings.Ceiling settings;

	private final RoundRunner runner;

	private final CurrentRound current = new CurrentRound();

	/** Producers and ackers share its connection pool (64 connections, more than its threads). */
	private final DriftqClient client;

	private final RawConsumers consumers;

	private int round;

	CeilingLoop(String url, String run, Settings.Ceiling settings, RoundRunner runner) {
		this.topic = "bench-ceiling-" + run;
		this.settings = settings;
		this.runner = runner;
		this.client = DriftqClient.builder(url).build();
		this.client.createTopic(this.topic, settings.partitions());
		this.consumers = new RawConsumers(this.client, this.topic, settings.partitions(), settings.streams(),
				settings.workers(), settings.readAhead(), this.current, "ceiling");
	}

	@Override
	public Stats.Round round(int messages) throws Exception {
		Tracker tracker = new Tracker(messages, this.settings.window());
		this.current.set(tracker);
		Stats.Round round = this.runner.run(tracker, this.topic + "-" + (++this.round), this.settings.producers(),
				(key, value) -> this.client.produce(this.topic, key, value));
		this.consumers.check();
		return round;
	}

	@Override
	public void close() throws InterruptedException {
		this.consumers.close();
		this.client.close();
	}

}
