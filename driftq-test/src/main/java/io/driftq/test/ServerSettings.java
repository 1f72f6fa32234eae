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
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link DriftqServer.Builder} collected, checked and with its defaults, and the
 * preparation of a server from it: resolving the executable, choosing the port and
 * creating the WAL directory and the log file.
 *
 * @author DriftQ for Spring
 * @since 0.1.0
 */
final class ServerSettings {

	private String name = "driftqd";

	private @Nullable Path executable;

	private @Nullable Path walDirectory;

	private boolean keepWalDirectory;

	private @Nullable Path logDirectory;

	private int port;

	private final List<String> args = new ArrayList<>();

	private Duration startupTimeout = DriftqServer.DEFAULT_STARTUP_TIMEOUT;

	String name() {
		return this.name;
	}

	void name(String name) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("name must not be blank");
		}
		this.name = name;
	}

	void executable(Path executable) {
		this.executable = executable;
	}

	void walDirectory(Path walDirectory) {
		this.walDirectory = walDirectory;
	}

	void keepWalDirectory(boolean keepWalDirectory) {
		this.keepWalDirectory = keepWalDirectory;
	}

	void logDirectory(Path logDirectory) {
		this.logDirectory = logDirectory;
	}

	void port(int port) {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
		}
		this.port = port;
	}

	void addArgs(String... args) {
		Collections.addAll(this.args, args);
	}

	void startupTimeout(Duration startupTimeout) {
		if (startupTimeout.isNegative() || startupTimeout.isZero()) {
			throw new IllegalArgumentException("startupTimeout must be positive, was " + startupTimeout);
		}
		this.startupTimeout = startupTimeout;
	}

	/**
	 * Prepare a server that is not running yet; later changes to these settings do not
	 * affect it.
	 * @return the server's process
	 * @throws IOException if the WAL or log directory cannot be created
	 * @throws DriftqBinaryNotFoundException if no executable was given and none can be
	 * resolved
	 */
	ServerProcess prepare() throws IOException {
		Path executable = (this.executable != null) ? this.executable : DriftqBinary.resolve();
		List<String> args = List.copyOf(this.args);
		boolean portChosen = this.port == 0;
		int port = portChosen ? LoopbackPorts.freePort() : this.port;
		WalDirectory walDirectory = WalDirectory.create(this.walDirectory, this.name, this.keepWalDirectory);
		Path logDirectory = (this.logDirectory != null) ? this.logDirectory : Paths.get("target", "driftq-logs");
		ServerLog log = ServerLog.create(logDirectory, this.name);
		return new ServerProcess(this.name, executable, args, this.startupTimeout, walDirectory, log, port, portChosen);
	}

}
