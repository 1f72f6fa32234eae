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

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * CPU time used so far by this JVM (all threads, GC and JIT included) and by the
 * {@code driftqd} process. On a 2-core machine the three (producer, consumers, broker)
 * compete for CPU, so CPU per message explains throughput differences that wall-clock
 * profiles (threads waiting on HTTP answers) do not. A figure that cannot be read is 0.
 */
final class CpuMeter {

	private final long serverPid;

	CpuMeter(long serverPid) {
		this.serverPid = serverPid;
	}

	Sample sample() {
		long jvm = (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)
				? Math.max(0, os.getProcessCpuTime()) : 0;
		long server = ProcessHandle.of(this.serverPid)
			.flatMap((handle) -> handle.info().totalCpuDuration())
			.map(Duration::toNanos)
			.orElse(0L);
		return new Sample(jvm, server);
	}

	/**
	 * CPU time per thread group of this JVM (Linux only:
	 * {@code /proc/self/task/<tid>/stat}, in clock ticks of 10 ms; thread names with
	 * their digits removed, so that e.g. all GC worker threads add up).
	 * @return group name → ticks; empty where {@code /proc} is not readable
	 */
	static java.util.Map<String, Long> threadTicks() {
		java.util.Map<String, Long> ticks = new java.util.TreeMap<>();
		java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
		if (tasks == null) {
			return ticks;
		}
		for (java.io.File task : tasks) {
			try {
				String stat = java.nio.file.Files.readString(task.toPath().resolve("stat"));
				int open = stat.indexOf('(');
				int close = stat.lastIndexOf(')');
				String name = stat.substring(open + 1, close).replaceAll("[0-9]+", "N");
				String[] fields = stat.substring(close + 2).split(" ");
				// fields[11] = utime, fields[12] = stime (fields 14 and 15 of stat,
				// counted from 1)
				ticks.merge(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
			}
			catch (java.io.IOException | RuntimeException ex) {
				// the thread ended meanwhile
			}
		}
		return ticks;
	}

	/** CPU nanoseconds of this JVM and of {@code driftqd}. */
	record Sample(long jvmNanos, long serverNanos) {

		Sample minus(Sample earlier) {
			return new Sample(this.jvmNanos - earlier.jvmNanos, this.serverNanos - earlier.serverNanos);
		}

	}

}
