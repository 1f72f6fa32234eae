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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.driftq.test.DriftqServer;

/**
 * A whole demo on real processes: a {@code driftqd}, the API JVM and worker JVMs sharing
 * one data directory (SQLite file and artifacts) or one PostgreSQL schema. Workers can be
 * supervised: restarted whenever they die, as {@code make up} and compose's
 * {@code restart: unless-stopped} do. The API and the workers run with the {@code demo}
 * profile, as {@code make up} does; {@link #startProcess} starts others in any profile.
 * Every process knows the operator ({@link #OPERATOR_USER} / {@link #OPERATOR_PASSWORD})
 * and the client ({@link #CLIENT_USER} / {@link #CLIENT_PASSWORD}).
 */
final class DemoStack implements AutoCloseable {

	/**
	 * Short leases so that a killed worker's commands and claims come back within
	 * seconds.
	 */
	static final List<String> FAST_RECOVERY = List
		.of("--spring.cloud.stream.driftq.bindings.handleCommand-in-0.consumer.lease=4s", "--driftq.effects.lease=4s");

	static final String OPERATOR_USER = "operator";

	static final String OPERATOR_PASSWORD = "operator-test-secret";

	static final String CLIENT_USER = "client";

	static final String CLIENT_PASSWORD = "client-test-secret";

	static final String API_PROFILES = "api,demo";

	static final String WORKER_PROFILES = "worker,demo";

	private final List<DemoProcess> others = new ArrayList<>();

	private final DriftqServer driftq;

	private final Path dataDir;

	private final Map<String, String> environment = new LinkedHashMap<>();

	private final List<DemoProcess> workers = new ArrayList<>();

	private DemoProcess api;

	private volatile boolean supervising;

	private Thread supervisor;

	private DemoStack(String name, Path dataDir, Map<String, String> database) {
		this.dataDir = dataDir;
		this.driftq = DriftqServer.builder().name(name).build().start();
		this.environment.put("DRIFTQ_HTTP_URL", this.driftq.baseUrl());
		this.environment.put("ARTIFACTS_DIR", dataDir.resolve("artifacts").toString());
		this.environment.put("SIDEFX_DB_PATH", dataDir.resolve("side_effects.sqlite").toString());
		this.environment.put("SIDEFX_OPERATOR_PASSWORD", OPERATOR_PASSWORD);
		this.environment.put("SIDEFX_CLIENT_PASSWORD", CLIENT_PASSWORD);
		this.environment.putAll(database);
	}

	/** A stack on a fresh SQLite file. */
	static DemoStack onSqlite(String name) {
		return new DemoStack(name, tempDir(name), Map.of());
	}

	/** A stack on PostgreSQL (a URL whose schema the test made fresh). */
	static DemoStack onPostgres(String name, String jdbcUrl, String user, String password) {
		return new DemoStack(name, tempDir(name), Map.of("SPRING_DATASOURCE_URL", jdbcUrl, "SPRING_DATASOURCE_USERNAME",
				user, "SPRING_DATASOURCE_PASSWORD", password));
	}

	private static Path tempDir(String name) {
		try {
			return Files.createTempDirectory("demo-" + name + "-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	DemoStack startApi() {
		return startApi(List.of());
	}

	DemoStack startApi(List<String> arguments) {
		this.api = new DemoProcess("api", API_PROFILES, this.environment, arguments).start().awaitHealthy();
		return this;
	}

	/**
	 * Starts the API and {@code workers} workers at once (JVM start-ups overlap), then
	 * waits for all.
	 */
	DemoStack startAll(List<String> apiArguments, int workers, List<String> workerArguments) {
		this.api = new DemoProcess("api", API_PROFILES, this.environment, apiArguments).start();
		List<DemoProcess> started = new ArrayList<>();
		for (int i = 0; i < workers; i++) {
			DemoProcess worker = new DemoProcess("worker-" + (this.workers.size() + 1), WORKER_PROFILES,
					this.environment, workerArguments);
			synchronized (this.workers) {
				this.workers.add(worker);
			}
			started.add(worker.start());
		}
		this.api.awaitHealthy();
		started.forEach(DemoProcess::awaitHealthy);
		return this;
	}

	DemoProcess startWorker(List<String> arguments) {
		DemoProcess worker = new DemoProcess("worker-" + (this.workers.size() + 1), WORKER_PROFILES, this.environment,
				arguments);
		synchronized (this.workers) {
			this.workers.add(worker);
		}
		return worker.start().awaitHealthy();
	}

	/**
	 * Starts one more process on this stack (not supervised, not waited for), closed with
	 * the stack.
	 * @param name its name (log file)
	 * @param profiles its {@code spring.profiles.active}
	 * @param arguments more command-line arguments
	 * @return the started process
	 */
	DemoProcess startProcess(String name, String profiles, List<String> arguments) {
		DemoProcess process = new DemoProcess(name, profiles, this.environment, arguments);
		synchronized (this.others) {
			this.others.add(process);
		}
		return process.start();
	}

	/** Restarts every worker that died, until closed. */
	void supervise() {
		this.supervising = true;
		this.supervisor = new Thread(() -> {
			while (this.supervising) {
				synchronized (this.workers) {
					for (DemoProcess worker : this.workers) {
						if (!worker.isAlive() && this.supervising) {
							worker.start();
						}
					}
				}
				try {
					Thread.sleep(200);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}, "worker-supervisor");
		this.supervisor.setDaemon(true);
		this.supervisor.start();
	}

	DemoApi api() {
		return new DemoApi(this.api.baseUrl());
	}

	DemoProcess apiProcess() {
		return this.api;
	}

	List<DemoProcess> workers() {
		synchronized (this.workers) {
			return List.copyOf(this.workers);
		}
	}

	DriftqServer driftq() {
		return this.driftq;
	}

	/** The SQLite file the processes share (unless a PostgreSQL URL was given). */
	Path databaseFile() {
		return this.dataDir.resolve("side_effects.sqlite");
	}

	Path ticketsDir() {
		return this.dataDir.resolve("artifacts").resolve("tickets");
	}

	Path chargesDir() {
		return this.dataDir.resolve("artifacts").resolve("charges");
	}

	/** Files in a directory, ignoring the temporary files of create-only writes. */
	static List<String> files(Path dir) {
		if (!Files.isDirectory(dir)) {
			return List.of();
		}
		try (var stream = Files.list(dir)) {
			return stream.map((p) -> p.getFileName().toString()).filter((n) -> n.endsWith(".json")).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		this.supervising = false;
		if (this.supervisor != null) {
			this.supervisor.interrupt();
		}
		workers().forEach(DemoProcess::close);
		synchronized (this.others) {
			this.others.forEach(DemoProcess::close);
		}
		if (this.api != null) {
			this.api.close();
		}
		this.driftq.close();
	}

}
