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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real {@code driftqd} process listening on a free loopback port, with its WAL in a temporary directory and its
 * output captured in a log file. It can be stopped, killed and restarted on the same port and the same WAL, which
 * is what restart and fault tests need.
 * <p>
 * Every server still running when the JVM exits is killed by a shutdown hook, so no {@code driftqd} outlives the
 * test run (unless the JVM itself is killed with {@code SIGKILL}).
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

	private static final String LOOPBACK = "127.0.0.1";

	private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

	private static final Duration PORT_REUSE_TIMEOUT = Duration.ofSeconds(5);

	private static final int LOG_TAIL_LINES = 40;

	private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]*)\"");

	private static final DateTimeFormatter LOG_TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss.SSS");

	private static final Logger logger = LoggerFactory.getLogger(DriftqServer.class);

	private static final Set<DriftqServer> live = ConcurrentHashMap.newKeySet();

	private static final AtomicBoolean shutdownHookInstalled = new AtomicBoolean();

	private static final HttpClient httpClient = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(1))
		.build();

	private final String name;

	private final Path executable;

	private final Path walDirectory;

	private final boolean deleteWalDirectory;

	private final Path logFile;

	private final List<String> args;

	private final Duration startupTimeout;

	private final boolean portChosen;

	private int port;

	private volatile Process process;

	private int starts;

	private boolean closed;

	private DriftqServer(Builder builder) throws IOException {
		this.name = builder.name;
		this.executable = (builder.executable != null) ? builder.executable : DriftqBinary.resolve();
		this.args = List.copyOf(builder.args);
		this.startupTimeout = builder.startupTimeout;
		this.portChosen = builder.port == 0;
		this.port = this.portChosen ? freePort() : builder.port;
		if (builder.walDirectory != null) {
			this.walDirectory = Files.createDirectories(builder.walDirectory).toAbsolutePath();
			this.deleteWalDirectory = false;
		}
		else {
			this.walDirectory = Files.createTempDirectory("driftq-" + this.name + "-").toAbsolutePath();
			this.deleteWalDirectory = !builder.keepWalDirectory;
		}
		Path logDirectory = (builder.logDirectory != null) ? builder.logDirectory
				: Paths.get("target", "driftq-logs");
		this.logFile = createLogFile(Files.createDirectories(logDirectory).toAbsolutePath(), this.name);
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
	 * Start the server and wait until {@code GET /v1/healthz} answers 200. After {@link #stop()} or {@link #kill()}
	 * it starts again on the same port and the same WAL.
	 * @return this server
	 * @throws IllegalStateException if the server is running or closed, the port stays taken, the process exits
	 * early or does not become healthy in time; the message holds the tail of the log
	 */
	public synchronized DriftqServer start() {
		if (this.closed) {
			throw new IllegalStateException("DriftQ server '" + this.name + "' is closed");
		}
		if (isRunning()) {
			throw new IllegalStateException("DriftQ server '" + this.name + "' is already running on " + baseUrl());
		}
		installShutdownHook();
		Instant portDeadline = Instant.now().plus(PORT_REUSE_TIMEOUT);
		boolean firstStart = this.starts == 0;
		while (true) {
			awaitPortFree(portDeadline, firstStart);
			long logOffset = writeStartMarker();
			Process started = launch();
			if (awaitHealthy(started, logOffset, portDeadline)) {
				logger.debug("DriftQ server '{}' (pid {}) is up on {}", this.name, started.pid(), baseUrl());
				return this;
			}
			// The process exited because the port was taken between the probe and the bind: try again
		}
	}

	/**
	 * Stop the server gracefully: {@code SIGTERM}, then {@code SIGKILL} if it has not exited after
	 * {@link #STOP_TIMEOUT}. Does nothing if it is not running.
	 */
	public synchronized void stop() {
		Process current = this.process;
		if (current == null) {
			return;
		}
		List<ProcessHandle> descendants = current.descendants().toList();
		current.destroy();
		descendants.forEach(ProcessHandle::destroy);
		if (!waitFor(current, STOP_TIMEOUT)) {
			logger.warn("DriftQ server '{}' (pid {}) did not stop within {}s after SIGTERM; killing it", this.name,
					current.pid(), STOP_TIMEOUT.toSeconds());
		}
		destroyForcibly(current, descendants);
		this.process = null;
		live.remove(this);
	}

	/**
	 * Kill the server with {@code SIGKILL}, as a crash would, and wait until it has exited. Does nothing if it is
	 * not running.
	 */
	public synchronized void kill() {
		Process current = this.process;
		if (current == null) {
			return;
		}
		destroyForcibly(current, current.descendants().toList());
		this.process = null;
		live.remove(this);
	}

	/**
	 * Stop the server if it is running, then start it again on the same port and the same WAL.
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
		Process current = this.process;
		return current != null && current.isAlive();
	}

	/**
	 * Return the base URL of the HTTP API, {@code http://127.0.0.1:<port>}, without a trailing slash.
	 * @return the base URL
	 */
	public String baseUrl() {
		return "http://" + LOOPBACK + ":" + port();
	}

	/**
	 * Return the loopback port the server listens on; it stays the same across restarts.
	 * @return the port
	 */
	public synchronized int port() {
		return this.port;
	}

	/**
	 * Return the WAL file the server writes; it stays the same across restarts.
	 * @return the WAL file, which may not exist yet
	 */
	public Path walFile() {
		return this.walDirectory.resolve(WAL_FILE_NAME);
	}

	/**
	 * Return the file that collects the server's stdout and stderr across all its starts, each start preceded by a
	 * marker line.
	 * @return the log file
	 */
	public Path logFile() {
		return this.logFile;
	}

	/**
	 * Return the executable this server runs.
	 * @return the {@code driftqd} executable
	 */
	public Path executable() {
		return this.executable;
	}

	/**
	 * Return the process id of the running server.
	 * @return the pid
	 * @throws IllegalStateException if the server is not running
	 */
	public long pid() {
		return runningProcess().pid();
	}

	/**
	 * Return the server's version, the {@code version} field of {@code GET /v1/version}.
	 * @return the version, e.g. {@code v0.0.0-20251231205607-dd3f2222e6a3}
	 * @throws IllegalStateException if the server is not running or does not answer as expected
	 */
	public String version() {
		runningProcess();
		HttpResponse<String> response = get("/v1/version", Duration.ofSeconds(5));
		Matcher matcher = VERSION.matcher(response.body());
		if (response.statusCode() != 200 || !matcher.find()) {
			throw new IllegalStateException(
					"Unexpected answer to GET /v1/version: " + response.statusCode() + " " + response.body());
		}
		return matcher.group(1);
	}

	/**
	 * Stop the server and delete its WAL directory, unless that directory was given to the builder or
	 * {@link Builder#keepWalDirectory(boolean) kept}. The log file is always kept.
	 */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		stop();
		if (this.deleteWalDirectory) {
			deleteRecursively(this.walDirectory);
		}
	}

	@Override
	public String toString() {
		return "DriftqServer[" + this.name + " on " + baseUrl() + ", wal " + walFile() + ", log " + this.logFile + "]";
	}

	private Process runningProcess() {
		Process current = this.process;
		if (current == null || !current.isAlive()) {
			throw new IllegalStateException("DriftQ server '" + this.name + "' is not running");
		}
		return current;
	}

	private void awaitPortFree(Instant deadline, boolean firstStart) {
		while (!isPortFree(this.port)) {
			if (this.portChosen && firstStart) {
				// Nobody has seen this port yet, so a different one is as good
				this.port = freePort();
				continue;
			}
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("Cannot start DriftQ server '" + this.name + "': port " + this.port
						+ " on " + LOOPBACK + " is still in use after " + PORT_REUSE_TIMEOUT.toSeconds() + "s");
			}
			pause();
		}
	}

	private Process launch() {
		List<String> command = new ArrayList<>();
		command.add(this.executable.toString());
		command.add("-addr");
		command.add(LOOPBACK + ":" + this.port);
		command.add("-wal");
		command.add(walFile().toString());
		command.addAll(this.args);
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.walDirectory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.logFile.toFile()));
		try {
			Process started = builder.start();
			this.process = started;
			live.add(this);
			return started;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot run " + command + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Wait for the health endpoint; return {@code false} only when the process exited because its port was taken
	 * and there is still time to try again.
	 */
	private boolean awaitHealthy(Process started, long logOffset, Instant portDeadline) {
		Instant deadline = Instant.now().plus(this.startupTimeout);
		while (true) {
			if (!started.isAlive()) {
				this.process = null;
				live.remove(this);
				String tail = logTail(logOffset);
				if (tail.contains("address already in use") && Instant.now().isBefore(portDeadline)) {
					pause();
					return false;
				}
				throw new IllegalStateException("DriftQ server '" + this.name + "' exited with code "
						+ started.exitValue() + " before becoming healthy. Log " + this.logFile + " ends with:"
						+ System.lineSeparator() + tail);
			}
			if (isHealthy()) {
				return true;
			}
			if (Instant.now().isAfter(deadline)) {
				kill();
				throw new IllegalStateException("DriftQ server '" + this.name + "' did not answer 200 on "
						+ baseUrl() + "/v1/healthz within " + this.startupTimeout.toSeconds() + "s. Log "
						+ this.logFile + " ends with:" + System.lineSeparator() + logTail(logOffset));
			}
			pause();
		}
	}

	private boolean isHealthy() {
		try {
			return get("/v1/healthz", Duration.ofSeconds(1)).statusCode() == 200;
		}
		catch (UncheckedIOException ex) {
			return false;
		}
	}

	private HttpResponse<String> get(String path, Duration timeout) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(timeout).GET().build();
		try {
			return httpClient.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while calling " + path, ex);
		}
	}

	private long writeStartMarker() {
		this.starts++;
		String marker = String.format("=== driftq-test: start #%d of '%s' at %s: %s -addr %s:%d -wal %s %s ===%n",
				this.starts, this.name, Instant.now(), this.executable, LOOPBACK, this.port, walFile(),
				String.join(" ", this.args));
		try {
			long offset = Files.size(this.logFile);
			Files.writeString(this.logFile, marker, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
			return offset;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + this.logFile, ex);
		}
	}

	private String logTail(long fromOffset) {
		try {
			byte[] bytes = Files.readAllBytes(this.logFile);
			int from = (int) Math.min(fromOffset, bytes.length);
			String text = new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
			List<String> lines = text.lines().toList();
			return String.join(System.lineSeparator(),
					lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
		}
		catch (IOException ex) {
			return "(cannot read " + this.logFile + ": " + ex.getMessage() + ")";
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
		if (!waitFor(process, STOP_TIMEOUT)) {
			logger.warn("Process {} survived SIGKILL for {}s", process.pid(), STOP_TIMEOUT.toSeconds());
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

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot find a free port on " + LOOPBACK, ex);
		}
	}

	private static boolean isPortFree(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			// driftqd (Go) binds with SO_REUSEADDR, so TIME_WAIT connections do not block it; probe the same way
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port), 1);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static Path createLogFile(Path directory, String name) throws IOException {
		String base = name.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + LocalDateTime.now().format(LOG_TIMESTAMP);
		for (int i = 1;; i++) {
			Path candidate = directory.resolve(base + ((i == 1) ? "" : "-" + i) + ".log");
			try {
				return Files.createFile(candidate);
			}
			catch (FileAlreadyExistsException ex) {
				// another server with the same name started in the same millisecond
			}
		}
	}

	private static void deleteRecursively(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			logger.warn("Cannot delete DriftQ WAL directory {}: {}", directory, ex.getMessage());
		}
	}

	private static void installShutdownHook() {
		if (shutdownHookInstalled.compareAndSet(false, true)) {
			Runtime.getRuntime().addShutdownHook(new Thread(DriftqServer::killAll, "driftq-server-reaper"));
		}
	}

	private static void killAll() {
		for (DriftqServer server : live) {
			Process current = server.process;
			if (current != null) {
				current.descendants().forEach(ProcessHandle::destroyForcibly);
				current.destroyForcibly();
			}
		}
	}

	/**
	 * Builder for a {@link DriftqServer}.
	 */
	public static final class Builder {

		private String name = "driftqd";

		private Path executable;

		private Path walDirectory;

		private boolean keepWalDirectory;

		private Path logDirectory;

		private int port;

		private final List<String> args = new ArrayList<>();

		private Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;

		private Builder() {
		}

		/**
		 * Set the name used in log file names and messages. Defaults to {@code driftqd}.
		 * @param name the name
		 * @return this builder
		 */
		public Builder name(String name) {
			this.name = requireText(name, "name");
			return this;
		}

		/**
		 * Set the executable to run. Defaults to {@link DriftqBinary#resolve()}.
		 * @param executable the {@code driftqd} executable
		 * @return this builder
		 */
		public Builder executable(Path executable) {
			this.executable = executable;
			return this;
		}

		/**
		 * Set the directory that holds the WAL file; it is created if needed and never deleted. Defaults to a new
		 * temporary directory that {@link DriftqServer#close()} deletes.
		 * @param walDirectory the WAL directory
		 * @return this builder
		 */
		public Builder walDirectory(Path walDirectory) {
			this.walDirectory = walDirectory;
			return this;
		}

		/**
		 * Set whether {@link DriftqServer#close()} keeps the temporary WAL directory. Defaults to {@code false}.
		 * @param keepWalDirectory whether to keep the WAL directory
		 * @return this builder
		 */
		public Builder keepWalDirectory(boolean keepWalDirectory) {
			this.keepWalDirectory = keepWalDirectory;
			return this;
		}

		/**
		 * Set the directory that receives the log file {@code <name>-<timestamp>.log}. Defaults to
		 * {@code target/driftq-logs} below the working directory.
		 * @param logDirectory the log directory
		 * @return this builder
		 */
		public Builder logDirectory(Path logDirectory) {
			this.logDirectory = logDirectory;
			return this;
		}

		/**
		 * Set the loopback port to listen on. Defaults to {@code 0}: a free port chosen at build time (and chosen
		 * again if another process takes it before the first start); restarts always re-use the port.
		 * @param port the port, or {@code 0}
		 * @return this builder
		 */
		public Builder port(int port) {
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
			}
			this.port = port;
			return this;
		}

		/**
		 * Add command line arguments passed after {@code -addr} and {@code -wal}, e.g.
		 * {@code arg("-log-level", "debug")}.
		 * @param args the arguments
		 * @return this builder
		 */
		public Builder arg(String... args) {
			Collections.addAll(this.args, args);
			return this;
		}

		/**
		 * Set how long {@link DriftqServer#start()} waits for {@code /v1/healthz}. Defaults to
		 * {@link #DEFAULT_STARTUP_TIMEOUT}.
		 * @param startupTimeout the timeout
		 * @return this builder
		 */
		public Builder startupTimeout(Duration startupTimeout) {
			if (startupTimeout.isNegative() || startupTimeout.isZero()) {
				throw new IllegalArgumentException("startupTimeout must be positive, was " + startupTimeout);
			}
			this.startupTimeout = startupTimeout;
			return this;
		}

		/**
		 * Build the server without starting it: resolve the executable, choose the port and create the WAL and
		 * log directories.
		 * @return a server that is not running yet
		 * @throws DriftqBinaryNotFoundException if no executable was given and none can be resolved
		 */
		public DriftqServer build() {
			try {
				return new DriftqServer(this);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot prepare the directories of DriftQ server '" + this.name + "'",
						ex);
			}
		}

		private static String requireText(String value, String what) {
			if (value == null || value.isBlank()) {
				throw new IllegalArgumentException(what + " must not be blank");
			}
			return value;
		}

	}

}
