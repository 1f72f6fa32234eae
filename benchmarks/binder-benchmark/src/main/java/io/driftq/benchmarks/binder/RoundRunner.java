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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one round of a path: starts its producer threads on the round's {@link Tracker},
 * waits for the last ack and takes the CPU used by this JVM and {@code driftqd} meanwhile
 * (and, with {@code threadCpu}, per thread group).
 */
final class RoundRunner {

	private final CpuMeter cpu;

	private final long timeoutSeconds;

	private final boolean threadCpu;

	RoundRunner(CpuMeter cpu, long timeoutSeconds, boolean threadCpu) {
		this.cpu = cpu;
		this.timeoutSeconds = timeoutSeconds;
		this.threadCpu = threadCpu;
	}

	/**
	 * @param keyPrefix makes the keys unique to the round (DriftQ skips a key a group
	 * already acked)
	 * @param producers producer threads, which share the round's messages
	 */
	Stats.Round run(Tracker tracker, String keyPrefix, int producers, Tracker.Sender sender) throws Exception {
		long overloadsBefore = OverloadCounter.count();
		AtomicReference<Throwable> failure = new AtomicReference<>();
		AtomicLong producerCpu = new AtomicLong();
		CpuMeter.Sample cpuBefore = this.cpu.sample();
		Map<String, Long> threadsBefore = this.threadCpu ? CpuMeter.threadTicks() : null;
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < producers; i++) {
			Thread producer = new Thread(() -> {
				try {
					tracker.produce(keyPrefix + "-k", sender);
					producerCpu.addAndGet(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
				}
				catch (Throwable ex) {
					failure.compareAndSet(null, ex);
				}
			}, "producer-" + i);
			threads.add(producer);
		}
		threads.forEach(Thread::start);
		long deadline = System.nanoTime() + this.timeoutSeconds * 1_000_000_000L;
		for (Thread producer : threads) {
			producer.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
		}
		if (failure.get() != null) {
			throw new IllegalStateException("producer failed on " + keyPrefix, failure.get());
		}
		Stats.Round round = tracker.await(this.timeoutSeconds, OverloadCounter.count() - overloadsBefore,
				() -> this.cpu.sample().minus(cpuBefore));
		if (threadsBefore != null) {
			// diagnostic: which threads of this JVM used the CPU during the round (10 ms
			// ticks)
			StringBuilder line = new StringBuilder(keyPrefix).append(" thread cpu (10 ms ticks): producer threads=")
				.append(producerCpu.get() / 10_000_000);
			CpuMeter.threadTicks().forEach((name, ticks) -> {
				long delta = ticks - threadsBefore.getOrDefault(name, 0L);
				if (delta > 0) {
					line.append(' ').append(name).append('=').append(delta);
				}
			});
			System.out.println(line);
		}
		return round;
	}

}
