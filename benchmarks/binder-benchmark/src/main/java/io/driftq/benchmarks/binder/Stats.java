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

import java.util.Arrays;

/**
 * Figures of one path (raw or binder) accumulated over all measured rounds.
 */
final class Stats {

	private long[] latencies = new long[0];

	private int count;

	private long messages;

	private long wallNanos;

	private long overloadRetries;

	private long redeliveries;

	private long jvmCpuNanos;

	private long serverCpuNanos;

	/** Add one round: its per-message latencies (ns), its wall time and its counters. */
	void add(Round round) {
		long[] grown = Arrays.copyOf(this.latencies, this.count + round.latencies().length);
		System.arraycopy(round.latencies(), 0, grown, this.count, round.latencies().length);
		this.latencies = grown;
		this.count = grown.length;
		this.messages += round.messages();
		this.wallNanos += round.wallNanos();
		this.overloadRetries += round.overloadRetries();
		this.redeliveries += round.redeliveries();
		this.jvmCpuNanos += round.cpu().jvmNanos();
		this.serverCpuNanos += round.cpu().serverNanos();
	}

	/**
	 * CPU time of this JVM (all its threads: producer, consumers, GC, JIT) per message,
	 * in µs.
	 */
	double jvmCpuMicrosPerMessage() {
		return this.jvmCpuNanos / 1e3 / this.messages;
	}

	/** CPU time of {@code driftqd} per message, in µs. */
	double serverCpuMicrosPerMessage() {
		return this.serverCpuNanos / 1e3 / this.messages;
	}

	/** Messages over the summed wall time of the rounds (first produce to last ack). */
	double messagesPerSecond() {
		return this.messages / (this.wallNanos / 1e9);
	}

	/** Nearest-rank percentile in milliseconds. */
	double percentileMillis(double p) {
		long[] sorted = Arrays.copyOf(this.latencies, this.count);
		Arrays.sort(sorted);
		int rank = (int) Math.ceil(p * sorted.length);
		return sorted[Math.max(0, rank - 1)] / 1e6;
	}

	long overloadRetries() {
		return this.overloadRetries;
	}

	long redeliveries() {
		return this.redeliveries;
	}

	/**
	 * One round of one path.
	 *
	 * @param messages messages produced (and acked)
	 * @param wallNanos first produce start to last ack
	 * @param latencies per message, produce start to handler/poller receiving it
	 * @param overloadRetries produce retries after 429 during the round
	 * @param redeliveries deliveries with {@code attempts > 1} (not counted as received)
	 * @param cpu CPU time of this JVM and of {@code driftqd} from just before the first
	 * produce to the last ack
	 */
	record Round(int messages, long wallNanos, long[] latencies, long overloadRetries, long redeliveries,
			CpuMeter.Sample cpu) {

		double jvmCpuMicrosPerMessage() {
			return this.cpu.jvmNanos() / 1e3 / this.messages;
		}

		double serverCpuMicrosPerMessage() {
			return this.cpu.serverNanos() / 1e3 / this.messages;
		}

		double messagesPerSecond() {
			return this.messages / (this.wallNanos / 1e9);
		}

		double percentileMillis(double p) {
			long[] sorted = this.latencies.clone();
			Arrays.sort(sorted);
			int rank = (int) Math.ceil(p * sorted.length);
			return sorted[Math.max(0, rank - 1)] / 1e6;
		}

	}

}
