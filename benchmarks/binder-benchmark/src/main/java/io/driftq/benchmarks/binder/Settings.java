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

import java.time.Duration;

/**
 * The benchmark's settings, read from system properties (the jar's {@code name=value}
 * arguments are turned into system properties first).
 *
 * @param rounds measured rounds per path
 * @param n messages per round and path
 * @param warmup warm-up messages per path
 * @param partitions partitions of the raw and binder topics (= their consume streams)
 * @param window messages the raw and binder producers keep sent but not yet received
 * @param producers producer threads of the raw and binder paths
 * @param timeoutSeconds longest time one round may take
 * @param conversion what Spring Cloud Stream does with the bytes on the binder path:
 * {@code native}, {@code octet-stream} or {@code json}
 * @param ceiling the ceiling loop's settings, {@code null} when it is switched off
 * ({@code ceiling=false})
 * @param rawEnvelope diagnostic: the raw producer sends the binder's envelope (its retry
 * policy)
 * @param rawProducer diagnostic: the binder's consumer is fed by the raw client instead
 * of StreamBridge
 * @param threadCpu diagnostic: print the CPU of each thread group of the JVM per round
 * @param observation {@code observation=on}: a second binder path with
 * {@code enable-observation=true} and an {@code ObservationRegistry} with a
 * {@code DefaultMeterObservationHandler}, measured in the same rounds as the binder path
 * without observation
 */
record Settings(int rounds, int n, int warmup, int partitions, int window, int producers, long timeoutSeconds,
		String conversion, Ceiling ceiling, boolean rawEnvelope, boolean rawProducer, boolean threadCpu,
		boolean observation) {

	/**
	 * The binder's default {@code buffer-size}; the raw subscriptions read ahead as much.
	 */
	static final int BUFFER_SIZE = 2;

	/** The binder's default {@code lease}; the raw subscriptions ask for the same. */
	static final Duration LEASE = Duration.ofSeconds(30);

	Settings {
		if (!conversion.equals("native") && !conversion.equals("octet-stream") && !conversion.equals("json")) {
			throw new IllegalArgumentException("conversion must be native, octet-stream or json, not " + conversion);
		}
		if (rounds < 1 || n < 1 || partitions < 1 || window < 1 || producers < 1) {
			throw new IllegalArgumentException("rounds, n, partitions, window and producers must be at least 1");
		}
	}

	static Settings fromSystemProperties() {
		int partitions = Integer.getInteger("partitions", 4);
		Ceiling ceiling = Boolean.parseBoolean(System.getProperty("ceiling", "true")) ? Ceiling.fromSystemProperties()
				: null;
		return new Settings(Integer.getInteger("rounds", 6), Integer.getInteger("n", 10000),
				Integer.getInteger("warmup", 10000), partitions, Integer.getInteger("window", 64),
				Integer.getInteger("producers", 1), Long.getLong("timeout", 300),
				System.getProperty("conversion", "native"), ceiling, Boolean.getBoolean("rawEnvelope"),
				Boolean.getBoolean("rawProducer"), Boolean.getBoolean("threadCpu"), observationSetting());
	}

	/** {@code observation=on|off} (also {@code true|false}); off by default. */
	private static boolean observationSetting() {
		String value = System.getProperty("observation", "off");
		return switch (value) {
			case "on", "true" -> true;
			case "off", "false" -> false;
			default -> throw new IllegalArgumentException("observation must be on or off, not " + value);
		};
	}

	String describeConversion() {
		return switch (this.conversion) {
			case "native" -> "native (bytes passed through, no content-type conversion)";
			case "octet-stream" -> "application/octet-stream";
			default -> "application/json (Spring Cloud Stream's default)";
		};
	}

	/**
	 * The ceiling loop's settings ({@code ceiling…} properties).
	 *
	 * @param partitions partitions of its topic ({@code ceilingPartitions})
	 * @param streams consume streams of its group ({@code ceilingStreams})
	 * @param workers threads taking messages from each stream and acking them
	 * ({@code ceilingWorkers})
	 * @param readAhead each stream's buffer ({@code ceilingReadAhead})
	 * @param producers producer threads ({@code ceilingProducers})
	 * @param window messages sent but not yet received ({@code ceilingWindow})
	 */
	record Ceiling(int partitions, int streams, int workers, int readAhead, int producers, int window) {

		Ceiling {
			if (partitions < 1 || streams < 1 || workers < 1 || readAhead < 1 || producers < 1 || window < 1) {
				throw new IllegalArgumentException("the ceiling settings must all be at least 1");
			}
		}

		static Ceiling fromSystemProperties() {
			int partitions = Integer.getInteger("ceilingPartitions", 16);
			return new Ceiling(partitions, Integer.getInteger("ceilingStreams", 8),
					Integer.getInteger("ceilingWorkers", 2), Integer.getInteger("ceilingReadAhead", 4),
					Integer.getInteger("ceilingProducers", 4), Integer.getInteger("ceilingWindow", 256));
		}

		@Override
		public String toString() {
			return this.partitions + " partitions, " + this.streams + " consume streams x " + this.workers
					+ " ack workers, read-ahead " + this.readAhead + " per stream, " + this.producers
					+ " producer threads, window " + this.window;
		}

	}

}
