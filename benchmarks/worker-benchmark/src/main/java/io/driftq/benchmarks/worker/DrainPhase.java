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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.driftq.client.DriftqClient;
import io.driftq.test.DriftqServer;

/**
 * One measurement: a fresh {@code driftqd} (new WAL), the {@code sidefx.commands} layout,
 * one worker, the feeder, and the clock. The rate is taken from the acks the server
 * reports: the clock starts when the group has acked {@code warmup} commands and stops
 * when it has acked {@code warmup + count}; the feeder keeps a backlog to the end.
 */
final class DrainPhase {

	private static final Duration POLL = Duration.ofMillis(100);

	private static final Duration STARTUP = Duration.ofMinutes(3);

	private static final int BACKLOG_PER_PARTITION = 50;

	/**
	 * Threads producing commands: one could not keep the DriftQ ceiling's backlog filled
	 * (two fsync'd calls per command, backlog minimum 1-2).
	 */
	private static final int FEEDER_THREADS = 4;

	private final BenchmarkOptions options;

	DrainPhase(BenchmarkOptions options) {
		this.options = options;
	}

	/**
	 * Runs the phase.
	 * @param worker the worker, not started
	 * @param partitions the partitions to create {@code sidefx.commands} with, or 0 to
	 * let the worker create it
	 * @param tag prefix of the phase's business keys
	 * @return the figures
	 */
	PhaseResult run(DrainedWorker worker, int partitions, String tag) throws Exception {
		Path work = Files.createTempDirectory("worker-benchmark-");
		Path logs = Path.of(System.getProperty("java.io.tmpdir"), "worker-benchmark-logs");
		try (DriftqServer server = DriftqServer.builder().name("worker-benchmark").logDirectory(logs).build().start();
				DriftqClient client = DriftqClient.builder(server.baseUrl()).build()) {
			if (partitions > 0) {
				client.createTopic(CommandFeeder.COMMANDS, partitions);
			}
			try (worker) {
				worker.start(server.baseUrl(), work);
				PhaseResult result = measure(server, client, worker, tag);
				requireCharged(worker, work, (long) this.options.warmup() + this.options.count());
				return result;
			}
		}
		finally {
			delete(work);
		}
	}

	private PhaseResult measure(DriftqServer server, DriftqClient client, DrainedWorker worker, String tag)
			throws InterruptedException {
		GroupProgress progress = new GroupProgress(server.baseUrl(), CommandFeeder.COMMANDS, DrainedWorker.GROUP);
		long deadline = System.nanoTime() + STARTUP.toNanos();
		while (progress.lag() < 0) {
			worker.checkAlive();
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("The " + worker.name() + " opened no stream of group "
						+ DrainedWorker.GROUP + " within " + STARTUP);
			}
			Thread.sleep(POLL.toMillis());
		}
		int partitions = progress.partitions();
		int concurrency = (worker instanceof WorkerProcess process && process.actuatorPort() > 0)
				? DemoBinding.concurrency(process.actuatorPort()) : worker.concurrency();
		int backlog = BACKLOG_PER_PARTITION * partitions;
		AtomicLong acked = new AtomicLong();
		CommandFeeder feeder = new CommandFeeder(client, tag, this.options.commandsPerPhase(backlog), backlog,
				acked::get);
		List<Thread> feeding = new ArrayList<>();
		for (int i = 0; i < FEEDER_THREADS; i++) {
			Thread thread = new Thread(feeder, "command-feeder-" + i);
			feeding.add(thread);
			thread.start();
		}
		try {
			return clock(server, worker, progress, feeder, acked, partitions, concurrency, client);
		}
		finally {
			for (Thread thread : feeding) {
				thread.interrupt();
			}
			for (Thread thread : feeding) {
				thread.join(10_000);
			}
		}
	}

	private PhaseResult clock(DriftqServer server, DrainedWorker worker, GroupProgress progress, CommandFeeder feeder,
			AtomicLong acked, int partitions, int concurrency, DriftqClient client) throws InterruptedException {
		long start = 0;
		long startAcked = 0;
		long startWorkerCpu = 0;
		long startServerCpu = 0;
		long minBacklog = Long.MAX_VALUE;
		long deadline = System.nanoTime() + this.options.phaseTimeout().toNanos();
		long target = (long) this.options.warmup() + this.options.count();
		while (true) {
			worker.checkAlive();
			if (feeder.failure() != null) {
				throw new IllegalStateException("Feeding commands failed: " + feeder.failure(), feeder.failure());
			}
			long produced = feeder.produced();
			long lag = progress.lag();
			long now = System.nanoTime();
			long done = Math.max(acked.get(), produced - lag);
			acked.set(done);
			if (start == 0 && done >= this.options.warmup()) {
				start = now;
				startAcked = done;
				startWorkerCpu = worker.cpuNanos();
				startServerCpu = serverCpu(server);
			}
			else if (start != 0) {
				minBacklog = Math.min(minBacklog, feeder.produced() - done);
			}
			if (start != 0 && done >= target) {
				long commands = done - startAcked;
				long workerCpu = (startWorkerCpu < 0) ? -1 : worker.cpuNanos() - startWorkerCpu;
				return new PhaseResult(worker.name(), partitions, concurrency, commands, now - start, workerCpu,
						serverCpu(server) - startServerCpu, minBacklog, client.overloadRetryCount());
			}
			if (now > deadline) {
				throw new IllegalStateException("The " + worker.name() + " acked " + done + " of " + target
						+ " commands within " + this.options.phaseTimeout() + " (timeoutSeconds=...)");
			}
			Thread.sleep(POLL.toMillis());
		}
	}

	/**
	 * A drained command counts only if it was charged: every worker writes one ticket
	 * file per charge ({@code ARTIFACTS_DIR/tickets}), and a command it dead-letters or
	 * skips writes none, so a worker that acks without charging fails the phase instead
	 * of looking fast.
	 */
	private static void requireCharged(DrainedWorker worker, Path work, long acked) {
		Path tickets = work.resolve("artifacts").resolve("tickets");
		long charged;
		try (Stream<Path> files = Files.isDirectory(tickets) ? Files.list(tickets) : Stream.empty()) {
			charged = files.count();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (charged < acked) {
			throw new IllegalStateException("The " + worker.name() + " acked " + acked + " commands but charged only "
					+ charged + " (tickets in " + tickets + "): it dead-lettered or skipped the others, so its rate "
					+ "is not a drain rate");
		}
	}

	/**
	 * CPU time {@code driftqd} has used so far.
	 * @param server the server
	 * @return nanoseconds, or 0 when the OS does not tell
	 */
	static long serverCpu(DriftqServer server) {
		return ProcessHandle.of(server.pid())
			.flatMap((handle) -> handle.info().totalCpuDuration())
			.map(Duration::toNanos)
			.orElse(0L);
	}

	private static void delete(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
