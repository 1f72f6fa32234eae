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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DriftqBinary}: the resolution order, with fake executables and a fake
 * {@code go} in a temporary directory.
 */
@DisabledOnOs(OS.WINDOWS)
class DriftqBinaryTests {

	@TempDir
	Path temp;

	private final Map<String, String> environment = new HashMap<>();

	private final Properties properties = new Properties();

	private Path home;

	@BeforeEach
	void setUp() throws IOException {
		this.home = Files.createDirectories(this.temp.resolve("home"));
		this.environment.put("HOME", this.home.toString());
		this.environment.put("PATH", Files.createDirectories(this.temp.resolve("empty")).toString());
	}

	@Test
	void driftqBinWinsOverPath() throws IOException {
		Path bin = executable(this.temp.resolve("custom/driftqd"), "exit 0");
		Path pathDir = this.temp.resolve("path");
		executable(pathDir.resolve("driftqd"), "exit 0");
		this.environment.put("DRIFTQ_BIN", bin.toString());
		this.environment.put("PATH", pathDir.toString());
		assertThat(find()).isEqualTo(bin);
	}

	@Test
	void missingDriftqBinFailsWithoutSearchingFurther() throws IOException {
		Path pathDir = this.temp.resolve("path");
		executable(pathDir.resolve("driftqd"), "exit 0");
		this.environment.put("PATH", pathDir.toString());
		this.environment.put("DRIFTQ_BIN", this.temp.resolve("nope/driftqd").toString());
		assertThatExceptionOfType(DriftqBinaryNotFoundException.class).isThrownBy(this::find)
			.withMessageContaining("DRIFTQ_BIN=")
			.withMessageContaining("does not exist");
	}

	@Test
	void nonExecutableDriftqBinFails() throws IOException {
		Path plain = Files.writeString(this.temp.resolve("driftqd"), "not a program");
		this.environment.put("DRIFTQ_BIN", plain.toString());
		assertThatExceptionOfType(DriftqBinaryNotFoundException.class).isThrownBy(this::find)
			.withMessageContaining("DRIFTQ_BIN=" + plain)
			.withMessageContaining("is not an executable file");
	}

	@Test
	void pathWinsOverGoBin() throws IOException {
		Path first = this.temp.resolve("first");
		Path second = this.temp.resolve("second");
		Files.createDirectories(first);
		Path onPath = executable(second.resolve("driftqd"), "exit 0");
		Path goBin = this.temp.resolve("gobin");
		executable(goBin.resolve("driftqd"), "exit 0");
		fakeGo(second, goBin + "\n", "exit 1");
		this.environment.put("PATH", first + ":" + second);
		assertThat(find()).isEqualTo(onPath);
	}

	@Test
	void goBinIsUsedWhenNotOnPath() throws IOException {
		Path goDir = this.temp.resolve("go");
		Path goBin = this.temp.resolve("gobin");
		Path driftqd = executable(goBin.resolve("driftqd"), "exit 0");
		fakeGo(goDir, goBin + "\n" + this.temp.resolve("gopath") + "\n", "exit 1");
		this.environment.put("PATH", goDir.toString());
		assertThat(find()).isEqualTo(driftqd);
	}

	@Test
	void firstGoPathEntryBinIsUsedWhenGoBinIsEmpty() throws IOException {
		Path goDir = this.temp.resolve("go");
		Path goPath = this.temp.resolve("gopath");
		Path driftqd = executable(goPath.resolve("bin/driftqd"), "exit 0");
		fakeGo(goDir, "\n" + goPath + ":" + this.temp.resolve("other") + "\n", "exit 1");
		this.environment.put("PATH", goDir.toString());
		assertThat(find()).isEqualTo(driftqd);
	}

	@Test
	void homeGoBinIsUsedWithoutGo() throws IOException {
		Path driftqd = executable(this.home.resolve("go/bin/driftqd"), "exit 0");
		assertThat(find()).isEqualTo(driftqd);
	}

	@Test
	void goInstallsConfiguredVersionAsLastResort() throws IOException {
		Path goDir = this.temp.resolve("go");
		Path goBin = this.temp.resolve("gobin");
		Files.createDirectories(goBin);
		Path calls = this.temp.resolve("install-args");
		fakeGo(goDir, goBin + "\n\n", "printf '%s\\n' \"$*\" > '" + calls + "'\nprintf '#!/bin/sh\\n' > '" + goBin
				+ "/driftqd'\n/bin/chmod +x '" + goBin + "/driftqd'");
		this.environment.put("PATH", goDir.toString());
		this.environment.put("DRIFTQ_VERSION", "v9.9.9");
		assertThat(find()).isEqualTo(goBin.resolve("driftqd"));
		assertThat(calls).hasContent("install github.com/driftq-org/DriftQ-Core/cmd/driftqd@v9.9.9");
	}

	@Test
	void failedGoInstallListsEverythingTriedAndGoOutput() throws IOException {
		Path goDir = this.temp.resolve("go");
		Path goBin = this.temp.resolve("gobin");
		fakeGo(goDir, goBin + "\n\n", "echo 'go: reading proxy: 403 Forbidden' >&2\nexit 1");
		this.environment.put("PATH", goDir.toString());
		assertThatExceptionOfType(DriftqBinaryNotFoundException.class).isThrownBy(this::find)
			.withMessageContaining("DRIFTQ_BIN: not set")
			.withMessageContaining("driftqd on PATH: not found")
			.withMessageContaining(goBin.resolve("driftqd") + ": not found")
			.withMessageContaining("go install github.com/driftq-org/DriftQ-Core/cmd/driftqd@"
					+ DriftqBinary.DEFAULT_VERSION + ": exit 1: go: reading proxy: 403 Forbidden");
	}

	@Test
	void missingGoIsReported() {
		assertThatExceptionOfType(DriftqBinaryNotFoundException.class).isThrownBy(this::find)
			.withMessageContaining(this.home.resolve("go/bin/driftqd") + ": not found")
			.withMessageContaining("go is not on the PATH");
	}

	@Test
	void versionPrefersEnvironmentThenSystemPropertyThenDefault() {
		DriftqBinary binary = new DriftqBinary(this.environment, this.properties);
		assertThat(binary.configuredVersion()).isEqualTo(DriftqBinary.DEFAULT_VERSION);
		this.properties.setProperty("driftq.version", "v1.2.0");
		assertThat(binary.configuredVersion()).isEqualTo("v1.2.0");
		this.environment.put("DRIFTQ_VERSION", "v1.3.0");
		assertThat(binary.configuredVersion()).isEqualTo("v1.3.0");
	}

	@Test
	void resolveFindsAnExecutableForThisBuild() {
		// The real resolution: this module's other tests need it, so it must succeed
		// wherever they run
		assertThat(DriftqBinary.resolve()).isExecutable().isSameAs(DriftqBinary.resolve());
	}

	private Path find() {
		return new DriftqBinary(this.environment, this.properties).find();
	}

	/**
	 * Write a fake {@code go}: {@code go env GOBIN GOPATH} prints {@code envOutput},
	 * {@code go install} runs {@code installScript}.
	 */
	private Path fakeGo(Path directory, String envOutput, String installScript) throws IOException {
		String script = "case \"$1\" in\n  env) printf '%s' '" + envOutput + "' ;;\n  install)\n" + installScript
				+ "\n  ;;\nesac\n";
		return executable(directory.resolve("go"), script);
	}

	private static Path executable(Path path, String body) throws IOException {
		Files.createDirectories(path.getParent());
		Files.writeString(path, "#!/bin/sh\n" + body + "\n");
		Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
		return path;
	}

}
