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

package io.driftq.demo.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * One demo JVM ({@code java -jar demo-app.jar}) in a role, started as a real separate
 * process with its own port and log file under {@code target/demo-logs}; it can be killed
 * with SIGKILL and started again with the same settings. {@code profile} is the value of
 * {@code spring.profiles.active} (e.g. {@code api,demo}). An API process gets a
 * management (actuator) port of its own; a worker's server is its management server.
 */
final class DemoProcess implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String name;

	private final String profile;

	private final Map<String, String> environment;

	private final List<String> arguments;

	private final int port;

	private final int managementPort;

	private final Path logFile;

	private Process process;

	private int starts;

	DemoProcess(String name, String profile, Map<String, String> environment, List<String> arguments) {
		this.name = name;
		this.profile = profile;
		this.environment = new LinkedHashMap<>(environment);
		this.arguments = List.copyOf(arguments);
		this.port = freePort();
		this.managementPort = isWorker() ? this.port : freePort();
		try {
			Path logs = Files.createDirectories(Path.of("target", "demo-logs"));
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
		Path jar = Path.of(System.getProperty("demo.jar", "target/demo-app.jar"));
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("The demo jar " + jar.toAbsolutePath() + " is missing; run the"
					+ " integration tests through Maven (./mvnw verify), which packages it first");
		}
		return jar;
	}

	synchronized DemoProcess start() {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx256m");
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-jar");
		command.add(jar().toString());
		command.add("--spring.profiles.active=" + this.profile);
		command.add("--server.port=" + this.port);
		if (!isWorker()) {
			command.add("--management.server.port=" + this.managementPort);
		}
		command.addAll(this.arguments);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.logFile.toFile()));
		builder.environment().putAll(this.environment);
		try {
			this.process = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + this.name, ex);
		}
		this.starts++;
		return this;
	}

	/** Waits until the role's health URL answers 200. */
	DemoProcess awaitHealthy() {
		String url = isWorker() ? managementUrl() + "/actuator/health" : baseUrl() + "/healthz";
		await(this.name + " healthy (log: " + this.logFile.toAbsolutePath() + ")").atMost(Duration.ofSeconds(180))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> {
				if (!isAlive()) {
					throw new IllegalStateException(this.name + " exited with " + this.process.exitValue() + "; see "
							+ this.logFile.toAbsolutePath());
				}
				return statusOfUrl(url) == 200;
			});
		return this;
	}

	private int status(String path) {
		return statusOfUrl(baseUrl() + path);
	}

	private static int statusOfUrl(String url) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build();
			return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	/**
	 * The HTTP status of {@code GET path} on this process, -1 when it does not answer.
	 */
	int statusOf(String path) {
		return status(path);
	}

	/** SIGKILL: no shutdown hook, no ack, no graceful unbinding. */
	synchronized void kill() {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroyForcibly();
			try {
				this.process.waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	synchronized boolean isAlive() {
		return this.process != null && this.process.isAlive();
	}

	/**
	 * Waits for the process to end by itself.
	 * @param timeout how long at most
	 * @return its exit status
	 */
	int awaitExit(Duration timeout) throws InterruptedException {
		Process current;
		synchronized (this) {
			current = this.process;
		}
		if (!current.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException(this.name + " still running after " + timeout);
		}
		return current.exitValue();
	}

	synchronized int starts() {
		return this.starts;
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	/**
	 * The actuator's base URL (loopback); for a worker the same as {@link #baseUrl()}.
	 */
	String managementUrl() {
		return "http://127.0.0.1:" + this.managementPort;
	}

	int port() {
		return this.port;
	}

	int managementPort() {
		return this.managementPort;
	}

	boolean isWorker() {
		return List.of(this.profile.split(",")).contains("worker");
	}

	Path logFile() {
		return this.logFile;
	}

	String name() {
		return this.name;
	}

	@Override
	public synchronized void close() {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroy();
			try {
				if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
					this.process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.process.destroyForcibly();
			}
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public String toString() {
		return this.name + " (" + this.profile + ", port " + this.port + ", log " + this.logFile + File.separator + ")";
	}

}
