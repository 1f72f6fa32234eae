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

/**
 * The figures of one phase.
 *
 * @param worker what drained
 * @param partitions partitions of {@code sidefx.commands}
 * @param concurrency the worker's binding concurrency (1 for the sequential seed workers)
 * @param commands commands acked inside the timed window
 * @param nanos length of the timed window
 * @param workerCpuNanos the worker process's CPU in the window, or -1 when it runs inside
 * this JVM
 * @param serverCpuNanos {@code driftqd}'s CPU in the window
 * @param minBacklog fewest commands waiting during the window (0 would mean the feeder,
 * not the worker, set the pace)
 * @param overloadRetries 429 answers the feeder's client retried
 */
record PhaseResult(String worker, int partitions, int concurrency, long commands, long nanos, long workerCpuNanos,
		long serverCpuNanos, long minBacklog, long overloadRetries) {

	double rate() {
		return this.commands / (this.nanos / 1e9);
	}

	String describe() {
		String cpu = (this.workerCpuNanos < 0) ? "n/a (in this JVM)"
				: String.format("%.2f ms", this.workerCpuNanos / 1e6 / this.commands);
		return String.format(
				"%-42s %2d partition(s), concurrency %2d: %7.1f commands/s (%d in %.1f s);"
						+ " CPU per command: worker %s, driftqd %.2f ms; backlog min %d; 429 retries %d",
				this.worker, this.partitions, this.concurrency, rate(), this.commands, this.nanos / 1e9, cpu,
				this.serverCpuNanos / 1e6 / this.commands, this.minBacklog, this.overloadRetries);
	}

}
