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

package io.driftq.samples.payments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * The packaged sample application as a separate JVM, started with the arguments a user
 * would give it, killed with SIGKILL and started again. Its output goes to a log file
 * under {@code target/sample-logs}.
 */
final class SampleProcess implements AutoCloseable {

	private final String name;

	private final List<String> arguments;

	private final Path logFile;

	private Process process;

	SampleProcess(String name, List<String> arguments) {
		this.name = name;
		this.arguments = List.copyOf(arguments);
		try {
			Path logs = Files.createDirectories(Path.of("target", "sample-logs"));
			this.logFile = logs.resolve(name + "-" + System.currentTimeMillis() + ".log");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The packaged application, built by {@code package} before the integration tests
	 * run.
	 */
	static Path jar() {
		Path jar = Path.of(System.getProperty("sample.jar", "target/payments-sample-exec.jar"));
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("The sample jar " + jar.toAbsolutePath() + " is missing; run the"
					+ " integration tests through Maven (./mvnw verify), which packages it first");
		}
		return jar;
	}

	/**
	 * Starts the JVM and waits until Spring Boot says the application started (its
	 * bindings are bound then).
	 */
	SampleProcess start() {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx256m");
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-jar");
		command.add(jar().toString());
		command.addAll(this.arguments);
		try {
			this.process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.logFile.toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + this.name, ex);
		}
		await(this.name + " started (log: " + this.logFile.toAbsolutePath() + ")").atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> {
				if (!this.process.isAlive()) {
					throw new IllegalStateException(this.name + " exited with " + this.process.exitValue() + "; see "
							+ this.logFile.toAbsolutePath() + ":\n" + log());
				}
				return log().contains("Started PaymentsApplication");
			});
		return this;
	}

	/** SIGKILL: no shutdown hook, no ack, no graceful unbinding. */
	void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor();
	}

	String log() {
		try {
			return Files.readString(this.logFile);
		}
		catch (IOException ex) {
			return "";
		}
	}

	Path logFile() {
		return this.logFile;
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroy();
			if (!this.process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
				kill();
			}
		}
	}

}
