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
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A worker in its own process, as it is deployed: the packaged demo jar with
 * {@code --spring.profiles.active=worker}, or the seed's {@code python -m app.worker}.
 * Both read the seed's environment variables ({@code DRIFTQ_HTTP_URL},
 * {@code SIDEFX_DB_PATH}, {@code ARTIFACTS_DIR}, {@code WORKER_GROUP}); the output goes
 * to a log file.
 */
final class WorkerProcess implements DrainedWorker {

	private final String name;

	private final List<String> command;

	private final Path directory;

	private final int actuatorPort;

	private Process process;

	private Path logFile;

	private WorkerProcess(String name, List<String> command, Path directory, int actuatorPort) {
		this.name = name;
		this.command = command;
		this.directory = directory;
		this.actuatorPort = actuatorPort;
	}

	/**
	 * The demo worker with its default configuration (plus {@code extraArgs}, for
	 * diagnostics only).
	 * @param jar the packaged demo application
	 * @param jvmArgs more JVM options
	 * @param extraArgs more Spring Boot arguments
	 * @param port the actuator's port
	 * @return the worker, not started
	 */
	static WorkerProcess demo(Path jar, List<String> jvmArgs, List<String> extraArgs, int port) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmArgs);
		command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "--spring.profiles.active=worker",
				"--server.port=" + port,
				// the bindings endpoint is off by default and for the operator only
				// (docs/demo.md)
				"--management.endpoints.web.exposure.include=health,bindings",
				"--sidefx.security.operator.password=" + DemoBinding.OPERATOR_PASSWORD,
				// the commands are the seed API's: no POST /runs of this demo created
				// their runs, and by
				// default the demo worker dead-letters such a command and charges
				// nothing; this is its
				// documented setting for another API's commands (docs/demo.md)
				"--sidefx.worker.unknown-runs=register"));
		command.addAll(extraArgs);
		String name = (extraArgs.isEmpty() && jvmArgs.isEmpty()) ? "demo worker" : "demo worker (see arguments)";
		return new WorkerProcess(name, command, null, port);
	}

	/**
	 * The seed's worker, run as its Dockerfile runs it ({@code python -m app.worker} in
	 * {@code worker/}).
	 * @param seedDir the seed's checkout
	 * @param python a Python with the seed's pinned requirements
	 * @return the worker, not started
	 */
	static WorkerProcess seed(Path seedDir, String python) {
		return new WorkerProcess("seed's Python worker", List.of(python, "-m", "app.worker"), seedDir.resolve("worker"),
				0);
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The demo worker's actuator port, 0 for the seed's worker. */
	int actuatorPort() {
		return this.actuatorPort;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public void start(String driftqUrl, Path workDirectory) {
		this.logFile = workDirectory.resolve("worker.log");
		ProcessBuilder builder = new ProcessBuilder(this.command).redirectErrorStream(true)
			.redirectOutput(this.logFile.toFile());
		if (this.directory != null) {
			builder.directory(this.directory.toFile());
		}
		Map<String, String> env = builder.environment();
		env.put("DRIFTQ_HTTP_URL", driftqUrl);
		env.put("SIDEFX_DB_PATH", workDirectory.resolve("side_effects.sqlite").toString());
		env.put("ARTIFACTS_DIR", workDirectory.resolve("artifacts").toString());
		env.put("WORKER_GROUP", GROUP);
		env.put("PYTHONUNBUFFERED", "1");
		try {
			this.process = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start the " + this.name + ": " + this.command, ex);
		}
	}

	@Override
	public void checkAlive() {
		if (!this.process.isAlive()) {
			throw new IllegalStateException(
					"The " + this.name + " exited with status " + this.process.exitValue() + "; its log: " + tail());
		}
	}

	private String tail() {
		try {
			List<String> lines = Files.readAllLines(this.logFile);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
		}
		catch (IOException ex) {
			return this.logFile + " (unreadable: " + ex.getMessage() + ")";
		}
	}

	@Override
	public long cpuNanos() {
		return this.process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
	}

	@Override
	public void close() {
		if (this.process == null) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(15, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

}
