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

package io.driftq.benchmarks.worker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Steady drain rate of {@code sidefx.commands} by the demo's worker (the packaged jar,
 * profile {@code worker}, its default configuration) against the Python side-effects
 * starter's worker when {@code SEED_DIR} is set, otherwise against
 * {@link SeedLoopWorker}, an in-project translation of it. Every phase has its own fresh
 * {@code driftqd} (same binary, new WAL): a new group starts at the earliest message and
 * DriftQ cannot delete a topic, so two workers cannot be measured on one server without
 * one draining the other's commands. Layouts: the seed's (one partition) and the demo's
 * default (whatever its binder creates the topic with). The last line is
 * {@code worker/seed drain ratio: X.XX}: the demo worker on its own default layout over
 * the baseline on the seed's layout, each as shipped. See docs/benchmarks.md.
 */
public final class WorkerBenchmark {

	private static final int SEED_PARTITIONS = 1;

	private final BenchmarkOptions options;

	private final Map<String, List<PhaseResult>> results = new LinkedHashMap<>();

	private WorkerBenchmark(BenchmarkOptions options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		if (args.length > 0 && args[0].equals("mode=idempotency-cost")) {
			IdempotencyCostProbe.run(10, 5000);
			System.exit(0);
		}
		BenchmarkOptions options = BenchmarkOptions.parse(args, System.getenv());
		new WorkerBenchmark(options).run();
		System.exit(0);
	}

	private void run() throws Exception {
		System.out.printf("worker-benchmark: %d commands timed per phase after %d warm-up, %d round(s); a fresh"
				+ " driftqd per phase%n", this.options.count(), this.options.warmup(), this.options.rounds());
		System.out.println("baseline: " + ((this.options.seedDir() != null)
				? "the seed's Python worker (SEED_DIR=" + this.options.seedDir() + ", SEED_PYTHON="
						+ this.options.seedPython() + ")"
				: "the in-project Java loop doing what the seed's worker does (SEED_DIR not set)"));
		if (!this.options.demoArgs().isEmpty() || !this.options.demoJvmArgs().isEmpty()) {
			System.out.println("demo worker arguments (not its defaults): JVM " + this.options.demoJvmArgs()
					+ ", application " + this.options.demoArgs());
		}
		DrainPhase phase = new DrainPhase(this.options);
		int demoPartitions = 0;
		for (int round = 1; round <= this.options.rounds(); round++) {
			List<String> order = new ArrayList<>(List.of("demo@demo", "seed@seed", "ceiling@wide"));
			if (demoPartitions > SEED_PARTITIONS) {
				order.addAll(List.of("demo@seed", "seed@demo", "ceiling@demo"));
			}
			if (round % 2 == 0) {
				java.util.Collections.reverse(order);
			}
			for (int i = 0; i < order.size(); i++) {
				String key = order.get(i);
				if (!this.options.phases().isEmpty() && !this.options.phases().contains(key)) {
					continue;
				}
				String tag = "r" + round + "-" + key.replace('@', '-');
				String layout = key.substring(key.indexOf('@') + 1);
				// the demo's own layout: its binder creates the topic (0); the seed's:
				// created with one partition; the ceiling's: as wide as configured
				int partitions = switch (layout) {
					case "demo" -> key.startsWith("demo@") ? 0 : demoPartitions;
					case "wide" -> this.options.ceilingPartitions();
					default -> SEED_PARTITIONS;
				};
				PhaseResult result = phase.run(worker(key, partitions), partitions, tag);
				System.out.printf("round %d, %s layout: %s%n", round, layout, result.describe());
				this.results.computeIfAbsent(key, (k) -> new ArrayList<>()).add(result);
				if (key.equals("demo@demo")) {
					demoPartitions = result.partitions();
					if (demoPartitions > SEED_PARTITIONS && !order.contains("demo@seed")) {
						// first seen now: each worker on the other's layout too, in this
						// round already
						order.addAll(List.of("seed@demo", "demo@seed", "ceiling@demo"));
					}
				}
			}
		}
		if (this.options.phases().isEmpty()) {
			summarize(demoPartitions);
		}
		else {
			System.out.println("phases=" + this.options.phases() + " (a diagnostic run): no ratios");
		}
	}

	private DrainedWorker worker(String key, int partitions) {
		if (key.startsWith("ceiling@")) {
			// DriftQ lets a group hold two unacked messages per partition
			return new CeilingWorker(2 * Math.max(partitions, 1));
		}
		return key.startsWith("demo@") ? demoWorker() : baseline();
	}

	private DrainedWorker demoWorker() {
		return WorkerProcess.demo(this.options.demoJar(), this.options.demoJvmArgs(), this.options.demoArgs(),
				WorkerProcess.freePort());
	}

	private DrainedWorker baseline() {
		return (this.options.seedDir() != null) ? WorkerProcess.seed(this.options.seedDir(), this.options.seedPython())
				: new SeedLoopWorker();
	}

	private void summarize(int demoPartitions) {
		String baseline = (this.options.seedDir() != null) ? "seed's Python worker" : "in-project seed loop";
		double demoOnSeed = rate((demoPartitions > SEED_PARTITIONS) ? "demo@seed" : "demo@demo");
		double seedOnSeed = rate("seed@seed");
		System.out.printf("seed layout (sidefx.commands: 1 partition): demo worker %.1f/s, %s %.1f/s, ratio %.2f%n",
				demoOnSeed, baseline, seedOnSeed, demoOnSeed / seedOnSeed);
		double demoOnDemo = rate("demo@demo");
		int concurrency = this.results.get("demo@demo").get(0).concurrency();
		if (demoPartitions > SEED_PARTITIONS) {
			double seedOnDemo = rate("seed@demo");
			System.out.printf(
					"demo layout (%d partitions, concurrency %d): demo worker %.1f/s, %s %.1f/s, ratio" + " %.2f%n",
					demoPartitions, concurrency, demoOnDemo, baseline, seedOnDemo, demoOnDemo / seedOnDemo);
		}
		else {
			System.out.printf("demo layout (%d partition, concurrency %d): the same as the seed's; figures above%n",
					demoPartitions, concurrency);
		}
		double wide = rate("ceiling@wide");
		double onDemo = (demoPartitions > SEED_PARTITIONS) ? rate("ceiling@demo") : wide;
		// the ideal is whichever layout let the raw loop drain faster
		double ceiling = Math.max(wide, onDemo);
		System.out.printf("DriftQ ceiling (raw loop): %.1f/s on %d partitions with %d streams, %.1f/s on the demo's"
				+ " layout; ceiling/seed ratio %.2f (the faster of the two over the %s: the most any worker could"
				+ " reach here)%n", wide, this.options.ceilingPartitions(), 2 * this.options.ceilingPartitions(),
				onDemo, ceiling / seedOnSeed, baseline);
		System.out.printf("worker/ceiling ratio: %.2f%n", demoOnDemo / ceiling);
		System.out.printf("demo worker on its default layout / %s on the seed's layout (%s baseline)%n", baseline,
				(this.options.seedDir() != null) ? "Python" : "in-project Java");
		System.out.printf("worker/seed drain ratio: %.2f%n", demoOnDemo / seedOnSeed);
	}

	/** Commands per second over all rounds of a phase: total commands over total time. */
	private double rate(String key) {
		long commands = 0;
		long nanos = 0;
		for (PhaseResult result : this.results.get(key)) {
			commands += result.commands();
			nanos += result.nanos();
		}
		return commands / (nanos / 1e9);
	}

}
