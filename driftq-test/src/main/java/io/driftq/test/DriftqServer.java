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
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real {@code driftqd} process listening on a free loopback port, with its WAL in a
 * temporary directory and its output captured in a log file. It can be stopped, killed
 * and restarted on the same port and the same WAL, which is what restart and fault tests
 * need.
 * <p>
 * Every server still running when the JVM exits is killed by a shutdown hook, so no
 * {@code driftqd} outlives the test run (unless the JVM itself is killed with
 * {@code SIGKILL}).
 *
 * @author DriftQ for Spring
 * @since 0.1.0
 */
public final class DriftqServer implements AutoCloseable {

	/**
	 * Name of the WAL file inside the WAL directory.
	 */
	public static final String WAL_FILE_NAME = "driftq.wal";

	/**
	 * Default time {@link #start()} waits for {@code /v1/healthz} to answer 200.
	 */
	public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(20);

	/**
	 * Time {@link #stop()} waits after {@code SIGTERM} before it sends {@code SIGKILL}.
	 */
	public static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	// not thread-safe: everything that starts, stops or reads the port holds this
	// server's lock
	private final ServerProcess process;

	private boolean closed;

	private DriftqServer(ServerProcess process) {
		this.process = process;
	}

	/**
	 * Create a builder for a server; {@link Builder#build()} resolves the executable with
	 * {@link DriftqBinary#resolve()} unless one is given.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Start the server and wait until {@code GET /v1/healthz} answers 200. After
	 * {@link #stop()} or {@link #kill()} it starts again on the same port and the same
	 * WAL.
	 * @return this server
	 * @throws IllegalStateException if the server is running or closed, the port stays
	 * taken, the process exits early or does not become healthy in time; the message
	 * holds the tail of the log
	 */
	public synchronized DriftqServer start() {
		if (this.closed) {
			throw new IllegalStateException("DriftQ server '" + this.process.name() + "' is closed");
		}
		this.process.start();
		return this;
	}

	/**
	 * Stop the server gracefully: {@code SIGTERM}, then {@code SIGKILL} if it has not
	 * exited after {@link #STOP_TIMEOUT}. Does nothing if it is not running.
	 */
	public synchronized void stop() {
		this.process.stop();
	}

	/**
	 * Kill the server with {@code SIGKILL}, as a crash would, and wait until it has
	 * exited. Does nothing if it is not running.
	 */
	public synchronized void kill() {
		this.process.kill();
	}

	/**
	 * Stop the server if it is running, then start it again on the same port and the same
	 * WAL.
	 * @return this server
	 */
	public synchronized DriftqServer restart() {
		stop();
		return start();
	}

	/**
	 * Return whether the server process is alive.
	 * @return {@code true} if the process is running
	 */
	public boolean isRunning() {
		return this.process.isRunning();
	}

	/**
	 * Return the base URL of the HTTP API, {@code http://127.0.0.1:<port>}, without a
	 * trailing slash.
	 * @return the base URL
	 */
	public String baseUrl() {
		return LoopbackPorts.baseUrl(port());
	}

	/**
	 * Return the loopback port the server listens on; it stays the same across restarts.
	 * @return the port
	 */
	public synchronized int port() {
		return this.process.port();
	}

	/**
	 * Return the WAL file the server writes; it stays the same across restarts.
	 * @return the WAL file, which may not exist yet
	 */
	public Path walFile() {
		return this.process.walDirectory().walFile();
	}

	/**
	 * Return the file that collects the server's stdout and stderr across all its starts,
	 * each start preceded by a marker line.
	 * @return the log file
	 */
	public Path logFile() {
		return this.process.log().file();
	}

	/**
	 * Return the executable this server runs.
	 * @return the {@code driftqd} executable
	 */
	public Path executable() {
		return this.process.executable();
	}

	/**
	 * Return the process id of the running server.
	 * @return the pid
	 * @throws IllegalStateException if the server is not running
	 */
	public long pid() {
		return this.process.running().pid();
	}

	/**
	 * Return the server's version, the {@code version} field of {@code GET /v1/version}.
	 * @return the version, e.g. {@code v0.0.0-20251231205607-dd3f2222e6a3}
	 * @throws IllegalStateException if the server is not running or does not answer as
	 * expected
	 */
	public String version() {
		this.process.running();
		return ServerProbe.version(baseUrl());
	}

	/**
	 * Stop the server and delete its WAL directory, unless that directory was given to
	 * the builder or {@link Builder#keepWalDirectory(boolean) kept}. The log file is
	 * always kept.
	 */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		stop();
		this.process.walDirectory().delete();
	}

	@Override
	public String toString() {
		return "DriftqServer[" + this.process.name() + " on " + baseUrl() + ", wal " + walFile() + ", log " + logFile()
				+ "]";
	}

	/**
	 * Builder for a {@link DriftqServer}.
	 */
	public static final class Builder {

		private final ServerSettings settings = new ServerSettings();

		private Builder() {
		}

		/**
		 * Set the name used in log file names and messages. Defaults to {@code driftqd}.
		 * @param name the name
		 * @return this builder
		 */
		public Builder name(String name) {
			this.settings.name(name);
			return this;
		}

		/**
		 * Set the executable to run. Defaults to {@link DriftqBinary#resolve()}.
		 * @param executable the {@code driftqd} executable
		 * @return this builder
		 */
		public Builder executable(Path executable) {
			this.settings.executable(executable);
			return this;
		}

		/**
		 * Set the directory that holds the WAL file; it is created if needed and never
		 * deleted. Defaults to a new temporary directory that
		 * {@link DriftqServer#close()} deletes.
		 * @param walDirectory the WAL directory
		 * @return this builder
		 */
		public Builder walDirectory(Path walDirectory) {
			this.settings.walDirectory(walDirectory);
			return this;
		}

		/**
		 * Set whether {@link DriftqServer#close()} keeps the temporary WAL directory.
		 * Defaults to {@code false}.
		 * @param keepWalDirectory whether to keep the WAL directory
		 * @return this builder
		 */
		public Builder keepWalDirectory(boolean keepWalDirectory) {
			this.settings.keepWalDirectory(keepWalDirectory);
			return this;
		}

		/**
		 * Set the directory that receives the log file {@code <name>-<timestamp>.log}.
		 * Defaults to {@code target/driftq-logs} below the working directory.
		 * @param logDirectory the log directory
		 * @return this builder
		 */
		public Builder logDirectory(Path logDirectory) {
			this.settings.logDirectory(logDirectory);
			return this;
		}

		/**
		 * Set the loopback port to listen on. Defaults to {@code 0}: a free port chosen
		 * at build time (and chosen again if another process takes it before the first
		 * start); restarts always re-use the port.
		 * @param port the port, or {@code 0}
		 * @return this builder
		 */
		public Builder port(int port) {
			this.settings.port(port);
			return this;
		}

		/**
		 * Add command line arguments passed after {@code -addr} and {@code -wal}, e.g.
		 * {@code arg("-log-level", "debug")}.
		 * @param args the arguments
		 * @return this builder
		 */
		public Builder arg(String... args) {
			this.settings.addArgs(args);
			return this;
		}

		/**
		 * Set how long {@link DriftqServer#start()} waits for {@code /v1/healthz}.
		 * Defaults to {@link #DEFAULT_STARTUP_TIMEOUT}.
		 * @param startupTimeout the timeout
		 * @return this builder
		 */
		public Builder startupTimeout(Duration startupTimeout) {
			this.settings.startupTimeout(startupTimeout);
			return this;
		}

		/**
		 * Build the server without starting it: resolve the executable, choose the port
		 * and create the WAL and log directories.
		 * @return a server that is not running yet
		 * @throws DriftqBinaryNotFoundException if no executable was given and none can
		 * be resolved
		 */
		public DriftqServer build() {
			try {
				return new DriftqServer(this.settings.prepare());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(
						"Cannot prepare the directories of DriftQ server '" + this.settings.name() + "'", ex);
			}
		}

	}

}
