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

package io.driftq.test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code driftqd} process behind a {@link DriftqServer}, across all its starts: waits
 * for the port, launches the process, waits until it is healthy, stops and kills it. The
 * port stays the same across starts, except that a port chosen at build time is chosen
 * again if another process takes it before the first start.
 * <p>
 * Not thread-safe on its own: the {@link DriftqServer} that owns it calls it under its
 * lock. Only the process reference is read without that lock.
 *
 * @author DriftQ for Spring
 * @since 0.1.0
 */
final class ServerProcess {

	private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

	private static final Duration PORT_REUSE_TIMEOUT = Duration.ofSeconds(5);

	// logs under the public class, whose name is what users configure
	private static final Logger logger = LoggerFactory.getLogger(DriftqServer.class);

	private final String name;

	private final Path executable;

	private final List<String> args;

	private final Duration startupTimeout;

	private final WalDirectory walDirectory;

	private final ServerLog log;

	private final boolean portChosen;

	private int port;

	private volatile @Nullable Process process;

	private int starts;

	ServerProcess(String name, Path executable, List<String> args, Duration startupTimeout, WalDirectory walDirectory,
			ServerLog log, int port, boolean portChosen) {
		this.name = name;
		this.executable = executable;
		this.args = args;
		this.startupTimeout = startupTimeout;
		this.walDirectory = walDirectory;
		this.log = log;
		this.port = port;
		this.portChosen = portChosen;
	}

	/**
	 * Return the server's name, used in log file names and messages.
	 * @return the name
	 */
	String name() {
		return this.name;
	}

	/**
	 * Return the executable the process runs.
	 * @return the {@code driftqd} executable
	 */
	Path executable() {
		return this.executable;
	}

	/**
	 * Return the directory of the WAL the process writes.
	 * @return the WAL directory
	 */
	WalDirectory walDirectory() {
		return this.walDirectory;
	}

	/**
	 * Return the log that collects the output of every start.
	 * @return the log
	 */
	ServerLog log() {
		return this.log;
	}

	/**
	 * Start the process and wait until it is healthy; see {@link DriftqServer#start()}.
	 */
	void start() {
		if (isRunning()) {
			throw new IllegalStateException(
					"DriftQ server '" + this.name + "' is already running on " + LoopbackPorts.baseUrl(this.port));
		}
		ServerReaper.install();
		Instant portDeadline = Instant.now().plus(PORT_REUSE_TIMEOUT);
		boolean firstStart = this.starts == 0;
		while (true) {
			awaitPortFree(portDeadline, firstStart);
			long logOffset = writeStartMarker();
			Process started = launch();
			if (awaitHealthy(started, logOffset, portDeadline)) {
				logger.debug("DriftQ server '{}' (pid {}) is up on {}", this.name, started.pid(),
						LoopbackPorts.baseUrl(this.port));
				return;
			}
			// The process exited because the port was taken between the probe and the
			// bind: try again
		}
	}

	/**
	 * Stop the process with {@code SIGTERM}, then {@code SIGKILL}; see
	 * {@link DriftqServer#stop()}.
	 */
	void stop() {
		Process current = this.process;
		if (current == null) {
			return;
		}
		List<ProcessHandle> descendants = current.descendants().toList();
		current.destroy();
		descendants.forEach(ProcessHandle::destroy);
		if (!waitFor(current, DriftqServer.STOP_TIMEOUT)) {
			logger.warn("DriftQ server '{}' (pid {}) did not stop within {}s after SIGTERM; killing it", this.name,
					current.pid(), DriftqServer.STOP_TIMEOUT.toSeconds());
		}
		destroyForcibly(current, descendants);
		this.process = null;
		ServerReaper.unregister(current);
	}

	/**
	 * Kill the process with {@code SIGKILL}; see {@link DriftqServer#kill()}.
	 */
	void kill() {
		Process current = this.process;
		if (current == null) {
			return;
		}
		destroyForcibly(current, current.descendants().toList());
		this.process = null;
		ServerReaper.unregister(current);
	}

	/**
	 * Return whether the process is alive.
	 * @return {@code true} if it is running
	 */
	boolean isRunning() {
		Process current = this.process;
		return current != null && current.isAlive();
	}

	/**
	 * Return the running process.
	 * @return the process
	 * @throws IllegalStateException if it is not running
	 */
	Process running() {
		Process current = this.process;
		if (current == null || !current.isAlive()) {
			throw new IllegalStateException("DriftQ server '" + this.name + "' is not running");
		}
		return current;
	}

	/**
	 * Return the port the process listens on, or will listen on.
	 * @return the port
	 */
	int port() {
		return this.port;
	}

	private void awaitPortFree(Instant deadline, boolean firstStart) {
		while (!LoopbackPorts.isPortFree(this.port)) {
			if (this.portChosen && firstStart) {
				// Nobody has seen this port yet, so a different one is as good
				this.port = LoopbackPorts.freePort();
				continue;
			}
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("Cannot start DriftQ server '" + this.name + "': port " + this.port
						+ " on " + LoopbackPorts.LOOPBACK + " is still in use after " + PORT_REUSE_TIMEOUT.toSeconds()
						+ "s");
			}
			pause();
		}
	}

	private long writeStartMarker() {
		this.starts++;
		String marker = String.format("=== driftq-test: start #%d of '%s' at %s: %s -addr %s:%d -wal %s %s ===%n",
				this.starts, this.name, Instant.now(), this.executable, LoopbackPorts.LOOPBACK, this.port,
				this.walDirectory.walFile(), String.join(" ", this.args));
		return this.log.append(marker);
	}

	private Process launch() {
		List<String> command = new ArrayList<>();
		command.add(this.executable.toString());
		command.add("-addr");
		command.add(LoopbackPorts.LOOPBACK + ":" + this.port);
		command.add("-wal");
		command.add(this.walDirectory.walFile().toString());
		command.addAll(this.args);
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.walDirectory.path().toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.file().toFile()));
		try {
			Process started = builder.start();
			this.process = started;
			ServerReaper.register(started);
			return started;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot run " + command + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Wait for the health endpoint; return {@code false} only when the process exited
	 * because its port was taken and there is still time to try again.
	 */
	private boolean awaitHealthy(Process started, long logOffset, Instant portDeadline) {
		Instant deadline = Instant.now().plus(this.startupTimeout);
		String baseUrl = LoopbackPorts.baseUrl(this.port);
		while (true) {
			if (!started.isAlive()) {
				this.process = null;
				ServerReaper.unregister(started);
				String tail = this.log.tail(logOffset);
				if (tail.contains("address already in use") && Instant.now().isBefore(portDeadline)) {
					pause();
					return false;
				}
				throw new IllegalStateException("DriftQ server '" + this.name + "' exited with code "
						+ started.exitValue() + " before becoming healthy. Log " + this.log.file() + " ends with:"
						+ System.lineSeparator() + tail);
			}
			if (ServerProbe.isHealthy(baseUrl)) {
				return true;
			}
			if (Instant.now().isAfter(deadline)) {
				kill();
				throw new IllegalStateException("DriftQ server '" + this.name + "' did not answer 200 on " + baseUrl
						+ "/v1/healthz within " + this.startupTimeout.toSeconds() + "s. Log " + this.log.file()
						+ " ends with:" + System.lineSeparator() + this.log.tail(logOffset));
			}
			pause();
		}
	}

	private static boolean waitFor(Process process, Duration timeout) {
		try {
			return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return !process.isAlive();
		}
	}

	private static void destroyForcibly(Process process, List<ProcessHandle> descendants) {
		process.destroyForcibly();
		descendants.forEach(ProcessHandle::destroyForcibly);
		if (!waitFor(process, DriftqServer.STOP_TIMEOUT)) {
			logger.warn("Process {} survived SIGKILL for {}s", process.pid(), DriftqServer.STOP_TIMEOUT.toSeconds());
		}
	}

	private static void pause() {
		try {
			Thread.sleep(POLL_INTERVAL.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for a DriftQ server", ex);
		}
	}

}
