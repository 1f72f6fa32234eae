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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.driftq.test.DriftqServer;

/**
 * End-to-end throughput and latency of the DriftQ binder (StreamBridge → driftqd →
 * {@code Consumer} function, AUTO ack) against a raw {@code driftq-client} loop (produce
 * → driftqd → {@code ConsumeSubscription} → ack) with the same partitions, consume
 * streams, read-ahead, lease and producer window, and against a ceiling: the fastest raw
 * loop ({@link RawPath#ceiling}: more partitions, streams and threads), all on one
 * {@code driftqd} started here. Settings ({@link Settings}) as system properties or
 * {@code name=value} arguments. The last line of stdout is
 * {@code binder/raw throughput ratio: X.XX}; the line before it
 * {@code binder/ceiling ratio: X.XX}. With {@code observation=on} a second binder path
 * with observation on ({@link ObservedBinderApp}) runs in the same rounds and the last
 * line is {@code binder observation on/off ratio: X.XX}.
 */
public final class BinderBenchmark {

	private static final String RAW = "raw";

	private static final String BINDER = "binder";

	private static final String CEILING = "ceiling";

	private static final String OBSERVED = "binder-obs";

	/**
	 * The order of the paths in round r (r - 1 modulo 6) with the ceiling: all six
	 * permutations, so that over six rounds each path goes first twice and each pair of
	 * paths runs in either order three times.
	 */
	private static final String[][] ORDERS = { { RAW, BINDER, CEILING }, { CEILING, BINDER, RAW },
			{ BINDER, CEILING, RAW }, { RAW, CEILING, BINDER }, { CEILING, RAW, BINDER }, { BINDER, RAW, CEILING } };

	private final String url;

	private final Settings settings;

	private final RoundRunner runner;

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	private BinderBenchmark(String url, Settings settings, RoundRunner runner) {
		this.url = url;
		this.settings = settings;
		this.runner = runner;
	}

	public static void main(String[] args) throws Exception {
		for (String arg : args) {
			String[] pair = arg.replaceFirst("^--", "").split("=", 2);
			if (pair.length == 2) {
				System.setProperty(pair[0], pair[1]);
			}
		}
		Settings settings = Settings.fromSystemProperties();
		Path logs = Files.createTempDirectory("binder-benchmark-logs");
		try (DriftqServer server = DriftqServer.builder().name("binder-benchmark").logDirectory(logs).build().start()) {
			System.out.printf("binder-benchmark: %d rounds x %d messages per path, %d warm-up messages per path, "
					+ "%d partitions = %d consume streams, read-ahead %d per stream, producer window %d, "
					+ "%d producer thread(s), payload %d bytes, conversion %s, ceiling %s, driftqd %s, Java %s%n",
					settings.rounds(), settings.n(), settings.warmup(), settings.partitions(), settings.partitions(),
					Settings.BUFFER_SIZE, settings.window(), settings.producers(), Tracker.payloadBytes(),
					settings.describeConversion(), (settings.ceiling() != null) ? settings.ceiling() : "off",
					server.version(), System.getProperty("java.version"));
			if (settings.observation()) {
				System.out.println("binder-obs: the binder path again with enable-observation=true and an "
						+ "ObservationRegistry with a DefaultMeterObservationHandler (binder: observation off, no registry)");
			}
			RoundRunner runner = new RoundRunner(new CpuMeter(server.pid()), settings.timeoutSeconds(),
					settings.threadCpu());
			new BinderBenchmark(server.baseUrl(), settings, runner).run();
		}
	}

	private void run() throws Exception {
		System.out.println();
		// Each path is set up once and measured round after round, as a running
		// application would be: a Spring
		// context started per round would put the JIT compilation of its freshly
		// generated classes into the timing.
		Map<String, BenchmarkPath> paths = new LinkedHashMap<>();
		try {
			paths.put(RAW, RawPath.raw(this.url, this.run, this.settings, this.runner));
			paths.put(BINDER, new BinderPath(this.url, this.run, this.settings, this.runner));
			if (this.settings.observation()) {
				paths.put(OBSERVED, new BinderPath(this.url, this.run, this.settings, this.runner, true));
			}
			if (this.settings.ceiling() != null) {
				paths.put(CEILING, RawPath.ceiling(this.url, this.run, this.settings.ceiling(), this.runner));
			}
			measure(paths);
		}
		finally {
			for (BenchmarkPath path : paths.values()) {
				path.close();
			}
		}
	}

	private void measure(Map<String, BenchmarkPath> paths) throws Exception {
		StringBuilder warmup = new StringBuilder("warm-up:");
		for (Map.Entry<String, BenchmarkPath> path : paths.entrySet()) {
			warmup.append(String.format(Locale.ROOT, " %s %.0f msgs/s", path.getKey(),
					path.getValue().round(this.settings.warmup()).messagesPerSecond()));
		}
		System.out.println(warmup);
		Map<String, Stats> stats = new LinkedHashMap<>();
		paths.keySet().forEach((name) -> stats.put(name, new Stats()));
		List<Double> binderRaw = new ArrayList<>();
		List<Double> binderCeiling = new ArrayList<>();
		List<Double> observedBinder = new ArrayList<>();
		for (int round = 1; round <= this.settings.rounds(); round++) {
			// Vary which path goes first so that drift (neighbours, WAL growth, JIT) hits
			// all of them.
			String[] order = order(new ArrayList<>(paths.keySet()), round);
			Map<String, Stats.Round> rounds = new LinkedHashMap<>();
			for (String name : order) {
				rounds.put(name, paths.get(name).round(this.settings.n()));
			}
			StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "round %d (%s first):", round, order[0]));
			for (String name : paths.keySet()) {
				Stats.Round r = rounds.get(name);
				stats.get(name).add(r);
				line.append(
						String.format(Locale.ROOT, " %s %.0f msgs/s (p50 %.2f ms, p99 %.2f ms, cpu %.0f+%.0f us/msg),",
								name, r.messagesPerSecond(), r.percentileMillis(0.50), r.percentileMillis(0.99),
								r.jvmCpuMicrosPerMessage(), r.serverCpuMicrosPerMessage()));
			}
			double binder = rounds.get(BINDER).messagesPerSecond();
			binderRaw.add(binder / rounds.get(RAW).messagesPerSecond());
			line.append(String.format(Locale.ROOT, " ratio %.2f", binderRaw.get(binderRaw.size() - 1)));
			if (rounds.containsKey(CEILING)) {
				binderCeiling.add(binder / rounds.get(CEILING).messagesPerSecond());
				line.append(String.format(Locale.ROOT, ", binder/ceiling %.2f",
						binderCeiling.get(binderCeiling.size() - 1)));
			}
			if (rounds.containsKey(OBSERVED)) {
				observedBinder.add(rounds.get(OBSERVED).messagesPerSecond() / binder);
				line.append(String.format(Locale.ROOT, ", observation on/off %.2f",
						observedBinder.get(observedBinder.size() - 1)));
			}
			System.out.println(line);
		}
		System.out.println();
		System.out.printf("%-10s %9s %9s %9s %13s %13s %17s %17s%n", "path", "msgs/s", "p50 ms", "p99 ms",
				"429 retries", "redeliveries", "JVM cpu us/msg", "driftqd cpu us/msg");
		stats.forEach(BinderBenchmark::row);
		System.out.println();
		System.out.println("per-round ratios: " + spread(binderRaw));
		double binder = stats.get(BINDER).messagesPerSecond();
		if (stats.containsKey(CEILING)) {
			double ceiling = stats.get(CEILING).messagesPerSecond();
			System.out.println("per-round binder/ceiling ratios: " + spread(binderCeiling));
			System.out.printf(Locale.ROOT, "raw/ceiling ratio: %.2f%n", stats.get(RAW).messagesPerSecond() / ceiling);
			System.out.printf(Locale.ROOT, "binder/ceiling ratio: %.2f%n", binder / ceiling);
		}
		System.out.printf(Locale.ROOT, "binder/raw throughput ratio: %.2f%n",
				binder / stats.get(RAW).messagesPerSecond());
		if (stats.containsKey(OBSERVED)) {
			System.out.println("per-round observation on/off ratios: " + spread(observedBinder));
			System.out.printf(Locale.ROOT, "binder observation on/off ratio: %.2f%n",
					stats.get(OBSERVED).messagesPerSecond() / binder);
		}
	}

	/**
	 * The order of the paths in round r: raw, binder and ceiling in the six permutations
	 * ({@link #ORDERS}); any other set turned by one place per round and reversed every
	 * other round, so each path goes first in turn and each pair runs in either order.
	 */
	private static String[] order(List<String> names, int round) {
		if (names.size() == 3 && names.contains(CEILING)) {
			return ORDERS[(round - 1) % ORDERS.length];
		}
		if (names.size() == 2) {
			return (round % 2 == 1) ? new String[] { RAW, BINDER } : new String[] { BINDER, RAW };
		}
		java.util.Collections.rotate(names, -((round - 1) / 2 % names.size()));
		if (round % 2 == 0) {
			java.util.Collections.reverse(names);
		}
		return names.toArray(String[]::new);
	}

	/** Min, median and max. */
	private static String spread(List<Double> ratios) {
		List<Double> sorted = new ArrayList<>(ratios);
		sorted.sort(null);
		return String.format(Locale.ROOT, "min %.2f, median %.2f, max %.2f", sorted.get(0),
				(sorted.get((sorted.size() - 1) / 2) + sorted.get(sorted.size() / 2)) / 2,
				sorted.get(sorted.size() - 1));
	}

	private static void row(String path, Stats stats) {
		System.out.printf(Locale.ROOT, "%-10s %9.0f %9.2f %9.2f %13d %13d %17.0f %17.0f%n", path,
				stats.messagesPerSecond(), stats.percentileMillis(0.50), stats.percentileMillis(0.99),
				stats.overloadRetries(), stats.redeliveries(), stats.jvmCpuMicrosPerMessage(),
				stats.serverCpuMicrosPerMessage());
	}

}
