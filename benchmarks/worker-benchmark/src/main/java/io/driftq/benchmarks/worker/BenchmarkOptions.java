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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's settings: {@code key=value} arguments, else {@code -Dkey=value}
 * properties, else the defaults; the seed's location from the environment
 * ({@code SEED_DIR}, {@code SEED_PYTHON}).
 *
 * @param count commands timed per phase, after the warm-up
 * @param warmup commands drained before the clock starts
 * @param rounds how many times every phase runs (alternating which worker goes first)
 * @param phaseTimeout how long one phase may take before the benchmark gives up
 * @param demoJar the packaged demo application
 * @param demoArgs extra arguments for the demo worker (diagnostics; the figures are then
 * not the defaults')
 * @param demoJvmArgs extra JVM options for the demo worker (e.g. a JFR recording)
 * @param seedDir a checkout of the Python side-effects starter, or {@code null} for the
 * in-project baseline
 * @param seedPython the Python that has the seed's pinned requirements
 * @param ceilingPartitions partitions of {@code sidefx.commands} for the DriftQ ceiling
 * phase (two streams each)
 * @param phases the phases to run ({@code worker@layout}, e.g. {@code demo@demo}), empty
 * for all; a diagnostic run with some phases prints no ratios
 */
record BenchmarkOptions(int count, int warmup, int rounds, Duration phaseTimeout, Path demoJar, List<String> demoArgs,
		List<String> demoJvmArgs, Path seedDir, String seedPython, int ceilingPartitions, List<String> phases) {

	static BenchmarkOptions parse(String[] args, Map<String, String> environment) {
		Map<String, String> values = new HashMap<>();
		for (String arg : args) {
			int eq = arg.indexOf('=');
			if (eq < 1) {
				throw new IllegalArgumentException("Arguments are key=value, got '" + arg + "'");
			}
			values.put(arg.substring(0, eq), arg.substring(eq + 1));
		}
		int count = Integer.parseInt(value(values, "count", "2000"));
		int warmup = Integer.parseInt(value(values, "warmup", "3000"));
		int rounds = Integer.parseInt(value(values, "rounds", "1"));
		if (count < 1 || warmup < 0 || rounds < 1) {
			throw new IllegalArgumentException("count and rounds must be at least 1 and warmup at least 0");
		}
		Duration timeout = Duration.ofSeconds(Long.parseLong(value(values, "timeoutSeconds", "600")));
		Path demoJar = Path.of(value(values, "demoJar", "demo-app/target/demo-app.jar"));
		if (!Files.isRegularFile(demoJar)) {
			throw new IllegalArgumentException("The demo jar " + demoJar.toAbsolutePath() + " is missing: run the"
					+ " documented command from the repository root (it packages demo-app), or set demoJar=<path>");
		}
		List<String> demoArgs = words(value(values, "demoArgs", ""));
		List<String> demoJvmArgs = words(value(values, "demoJvmArgs", ""));
		Path seedDir = seedDir(environment.get("SEED_DIR"));
		String python = environment.getOrDefault("SEED_PYTHON", "python3");
		int ceilingPartitions = Integer.parseInt(value(values, "ceilingPartitions", "8"));
		if (ceilingPartitions < 1) {
			throw new IllegalArgumentException("ceilingPartitions must be at least 1");
		}
		List<String> phases = Arrays.asList(value(values, "phases", "").split(","))
			.stream()
			.map(String::trim)
			.filter((phase) -> !phase.isEmpty())
			.toList();
		return new BenchmarkOptions(count, warmup, rounds, timeout, demoJar, demoArgs, demoJvmArgs, seedDir, python,
				ceilingPartitions, phases);
	}

	private static List<String> words(String value) {
		String trimmed = value.trim();
		return trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("\\s+"));
	}

	private static Path seedDir(String dir) {
		if (dir == null || dir.isBlank()) {
			return null;
		}
		Path seed = Path.of(dir).toAbsolutePath();
		if (!Files.isRegularFile(seed.resolve("worker/app/worker.py"))) {
			throw new IllegalArgumentException("SEED_DIR=" + dir + " has no worker/app/worker.py: point it at a"
					+ " checkout of driftq-side-effects-starter, or unset it to use the in-project baseline");
		}
		return seed;
	}

	private static String value(Map<String, String> values, String key, String fallback) {
		return values.getOrDefault(key, System.getProperty(key, fallback));
	}

	/**
	 * Commands a phase produces: the warm-up, the timed ones, and a tail that keeps the
	 * backlog full to the end.
	 */
	int commandsPerPhase(int backlog) {
		return this.warmup + this.count + backlog;
	}

}
