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
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link DriftqServer}, against the real {@code driftqd}.
 */
class DriftqServerTests {

	private DriftqServer server;

	@AfterEach
	void tearDown() {
		if (this.server != null) {
			this.server.close();
		}
	}

	@Test
	void startAnswersHealthAndReportsPinnedVersion() throws IOException {
		this.server = DriftqServer.builder().name("health").build().start();
		assertThat(this.server.isRunning()).isTrue();
		assertThat(this.server.baseUrl()).isEqualTo("http://127.0.0.1:" + this.server.port());
		assertThat(this.server.pid()).isPositive();
		Http.Response health = Http.get(this.server.baseUrl() + "/v1/healthz");
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"ok\"");
		assertPinnedVersion(this.server.version());
	}

	@Test
	void goBuildInformationOfTheBinaryNamesTheModule() {
		// "(devel)" for a build from a checkout, the module version for go install
		// module@version
		assertThat(DriftqBinary.moduleVersion(DriftqBinary.resolve()))
			.hasValueSatisfying((version) -> assertThat(version).matches("\\(devel\\)|v\\d+\\.\\d+\\.\\d+.*"));
	}

	/**
	 * The server runs the pinned DriftQ-Core: it says so on {@code /v1/version} when its
	 * build set the version flags; a plain {@code go install module@version} leaves them
	 * at {@code dev}, and then the binary's Go build information names the module version
	 * instead.
	 */
	private void assertPinnedVersion(String reported) {
		if (!"dev".equals(reported)) {
			assertThat(reported).isEqualTo(DriftqBinary.version());
			return;
		}
		assertThat(DriftqBinary.moduleVersion(DriftqBinary.resolve()))
			.as("module version in the Go build information of %s (/v1/version reports 'dev')", DriftqBinary.resolve())
			.contains(DriftqBinary.version());
	}

	@Test
	void stopThenRestartOnSameWalKeepsProducedMessage() throws IOException {
		this.server = DriftqServer.builder().name("restart").build().start();
		String topic = "t-" + UUID.randomUUID();
		assertThat(Http.post(this.server.baseUrl() + "/v1/topics", "{\"name\":\"" + topic + "\",\"partitions\":1}")
			.status()).isEqualTo(201);
		assertThat(Http.post(this.server.baseUrl() + "/v1/produce", "{\"topic\":\"" + topic + "\",\"value\":\"kept\"}")
			.status()).isEqualTo(200);
		int port = this.server.port();
		Path wal = this.server.walFile();
		this.server.stop();
		assertThat(this.server.isRunning()).isFalse();
		assertThat(wal).isNotEmptyFile();
		this.server.restart();
		assertThat(this.server.port()).isEqualTo(port);
		assertThat(this.server.walFile()).isEqualTo(wal);
		String line = Http.firstLine(this.server.baseUrl() + "/v1/consume?topic=" + topic + "&group=g&owner=o",
				Duration.ofSeconds(10));
		assertThat(line).contains("\"value\":\"kept\"");
	}

	@Test
	void killRefusesConnectionsAndRestartBringsServerBack() throws IOException {
		this.server = DriftqServer.builder().name("kill").build().start();
		long pid = this.server.pid();
		this.server.kill();
		assertThat(this.server.isRunning()).isFalse();
		assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
		assertThatExceptionOfType(ConnectException.class)
			.isThrownBy(() -> new Socket("127.0.0.1", this.server.port()).close());
		assertThatIllegalStateException().isThrownBy(this.server::pid).withMessageContaining("not running");
		this.server.restart();
		assertThat(this.server.pid()).isNotEqualTo(pid);
		assertThat(Http.get(this.server.baseUrl() + "/v1/healthz").status()).isEqualTo(200);
	}

	@Test
	void logFileCollectsOutputOfEveryStartBelowTargetByDefault() throws IOException {
		this.server = DriftqServer.builder().name("logs").build().start();
		this.server.restart();
		Path logFile = this.server.logFile();
		assertThat(logFile).startsWith(Paths.get("target", "driftq-logs").toAbsolutePath());
		assertThat(logFile.getFileName().toString()).startsWith("logs-").endsWith(".log");
		String log = Files.readString(logFile);
		assertThat(log).contains("=== driftq-test: start #1 of 'logs'", "=== driftq-test: start #2 of 'logs'");
		assertThat(log.split("broker starting", -1)).hasSize(3);
	}

	@Test
	void extraArgumentsReachTheServer(@TempDir Path logs) throws IOException {
		this.server = DriftqServer.builder().name("json").logDirectory(logs).arg("-log-format", "json").build().start();
		assertThat(this.server.logFile()).hasParent(logs);
		assertThat(Files.readAllLines(this.server.logFile()))
			.anySatisfy((line) -> assertThat(line).startsWith("{").contains("\"msg\":\"broker starting\""));
	}

	@Test
	void startFailsFastWithLogTailWhenServerExits() {
		this.server = DriftqServer.builder().name("bad-flag").arg("-no-such-flag").build();
		assertThatIllegalStateException().isThrownBy(this.server::start)
			.withMessageContaining("exited with code 2 before becoming healthy")
			.withMessageContaining("flag provided but not defined: -no-such-flag");
		assertThat(this.server.isRunning()).isFalse();
	}

	@Test
	void restartFailsClearlyWhenPortStaysTaken() throws IOException {
		this.server = DriftqServer.builder().name("port-taken").build().start();
		this.server.stop();
		try (ServerSocket squatter = new ServerSocket(this.server.port(), 1, InetAddress.getByName("127.0.0.1"))) {
			assertThatIllegalStateException().isThrownBy(this.server::start)
				.withMessageContaining("port " + this.server.port())
				.withMessageContaining("still in use");
		}
		this.server.start();
		assertThat(this.server.isRunning()).isTrue();
	}

	@Test
	void closeStopsServerAndDeletesTemporaryWalDirectory() {
		this.server = DriftqServer.builder().name("close").build().start();
		Path walDirectory = this.server.walFile().getParent();
		assertThat(walDirectory).isDirectory();
		this.server.close();
		assertThat(this.server.isRunning()).isFalse();
		assertThat(walDirectory).doesNotExist();
		assertThatIllegalStateException().isThrownBy(this.server::start).withMessageContaining("closed");
	}

	@Test
	void closeKeepsWalDirectoryThatWasGiven(@TempDir Path walDirectory) {
		this.server = DriftqServer.builder().name("given-wal").walDirectory(walDirectory).build().start();
		assertThat(this.server.walFile()).isEqualTo(walDirectory.resolve("driftq.wal"));
		this.server.close();
		assertThat(walDirectory).isDirectory();
	}

	@Test
	void startTwiceIsRejected() {
		this.server = DriftqServer.builder().name("twice").build().start();
		assertThatIllegalStateException().isThrownBy(this.server::start).withMessageContaining("already running");
	}

}
