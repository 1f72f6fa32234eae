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

package io.driftq.benchmarks.effects;

import java.util.Arrays;

/**
 * Latencies of one path (effect or floor) accumulated over all rounds.
 */
final class Stats {

	private final long[] nanos;

	private int count;

	private long wallNanos;

	Stats(int capacity) {
		this.nanos = new long[capacity];
	}

	void add(long latencyNanos) {
		this.nanos[this.count++] = latencyNanos;
	}

	void addWall(long nanos) {
		this.wallNanos += nanos;
	}

	double opsPerSecond() {
		return this.count / (this.wallNanos / 1e9);
	}

	double meanMicros() {
		long sum = 0;
		for (int i = 0; i < this.count; i++) {
			sum += this.nanos[i];
		}
		return sum / 1e3 / this.count;
	}

	/** Nearest-rank percentile in microseconds. */
	double percentileMicros(double p) {
		long[] sorted = Arrays.copyOf(this.nanos, this.count);
		Arrays.sort(sorted);
		int rank = (int) Math.ceil(p * sorted.length);
		return sorted[Math.max(0, rank - 1)] / 1e3;
	}

}
