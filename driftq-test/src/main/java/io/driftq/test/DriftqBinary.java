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

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Finds the {@code driftqd} executable the tests run, installing the pinned version with
 * {@code go install} when it is nowhere to be found. The places are tried in this order:
 * <ol>
 * <li>the environment variable {@value #BIN_ENV}, which must name an existing executable
 * file (when it is set, no other place is tried);</li>
 * <li>{@code driftqd} on the {@code PATH};</li>
 * <li>{@code $(go env GOBIN)}, else the first entry of {@code $(go env GOPATH)} +
 * {@code /bin}, else (no {@code go} on the {@code PATH}) {@code ~/go/bin};</li>
 * <li>{@code go install} {@value #GO_PACKAGE}{@code @}{@link #version()}.</li>
 * </ol>
 * The outcome, found or not, is resolved once per JVM.
 *
 * @author DriftQ for Spring
 * @since 0.1.0
 */
public final class DriftqBinary {

	/**
	 * The DriftQ-Core version installed when none is configured: the Go pseudo-version of
	 * the 2025-12-31 commit {@code dd3f2222e6a3}. Keep it equal to the root pom's
	 * {@code driftq.version}.
	 */
	public static final String DEFAULT_VERSION = "v0.0.0-20251231205607-dd3f2222e6a3";

	/**
	 * The Go package of the server command.
	 */
	public static final String GO_PACKAGE = "github.com/driftq-org/DriftQ-Core/cmd/driftqd";

	/**
	 * Environment variable naming the {@code driftqd} executable to use.
	 */
	public static final String BIN_ENV = "DRIFTQ_BIN";

	/**
	 * Environment variable naming the DriftQ-Core version to install.
	 */
	public static final String VERSION_ENV = "DRIFTQ_VERSION";

	/**
	 * System property naming the DriftQ-Core version to install, used when
	 * {@value #VERSION_ENV} is not set.
	 */
	public static final String VERSION_PROPERTY = "driftq.version";

	private static final Duration GO_ENV_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration GO_INSTALL_TIMEOUT = Duration.ofMinutes(5);

	private static final Object monitor = new Object();

	private static @Nullable Path resolved;

	private static @Nullable DriftqBinaryNotFoundException failure;

	private final Map<String, String> environment;

	private final Properties systemProperties;

	DriftqBinary(Map<String, String> environment, Properties systemProperties) {
		this.environment = environment;
		this.systemProperties = systemProperties;
	}

	/**
	 * Return the {@code driftqd} executable, resolving (and possibly installing) it on
	 * first use.
	 * @return the absolute path of an executable {@code driftqd}
	 * @throws DriftqBinaryNotFoundException if none was found and {@code go install}
	 * failed; the same failure is reported on every later call
	 */
	public static Path resolve() {
		synchronized (monitor) {
			if (resolved == null && failure == null) {
				try {
					resolved = new DriftqBinary(System.getenv(), System.getProperties()).find();
				}
				catch (DriftqBinaryNotFoundException ex) {
					failure = ex;
				}
			}
			if (failure != null) {
				throw new DriftqBinaryNotFoundException(String.valueOf(failure.getMessage()));
			}
			return Objects.requireNonNull(resolved);
		}
	}

	/**
	 * Return the DriftQ-Core version that {@code go install} uses: {@value #VERSION_ENV},
	 * else the system property {@value #VERSION_PROPERTY}, else {@link #DEFAULT_VERSION}.
	 * @return the version, a Go module version such as {@code v1.3.0} or a pseudo-version
	 */
	public static String version() {
		return new DriftqBinary(System.getenv(), System.getProperties()).configuredVersion();
	}

	String configuredVersion() {
		String version = this.environment.get(VERSION_ENV);
		if (version == null || version.isBlank()) {
			version = this.systemProperties.getProperty(VERSION_PROPERTY);
		}
		return (version == null || version.isBlank()) ? DEFAULT_VERSION : version.trim();
	}

	Path find() {
		List<String> tried = new ArrayList<>();
		String bin = this.environment.get(BIN_ENV);
		if (bin != null && !bin.isBlank()) {
			Path path = Paths.get(bin.trim()).toAbsolutePath();
			if (!isExecutable(path)) {
				String reason = Files.exists(path) ? "is not an executable file" : "does not exist";
				throw new DriftqBinaryNotFoundException(BIN_ENV + "=" + bin + " " + reason + ". Point " + BIN_ENV
						+ " at a driftqd executable " + "or unset it to search the PATH and the Go bin directory.");
			}
			return path;
		}
		tried.add(BIN_ENV + ": not set");
		String name = executableName();
		Path onPath = findOnPath(name);
		if (onPath != null) {
			return onPath;
		}
		tried.add(name + " on PATH: not found");
		Path go = findOnPath(goName());
		Path goBin = goBinDirectory(go, tried);
		Path candidate = goBin.resolve(name);
		if (isExecutable(candidate)) {
			return candidate.toAbsolutePath();
		}
		tried.add(candidate + ": not found");
		String target = GO_PACKAGE + "@" + configuredVersion();
		if (go == null) {
			tried.add("go install " + target + ": go is not on the PATH");
			throw unavailable(tried, target);
		}
		Result install = run(List.of(go.toString(), "install", target), GO_INSTALL_TIMEOUT);
		if (install.exitCode() != 0) {
			tried.add("go install " + target + ": " + install.describe());
			throw unavailable(tried, target);
		}
		if (isExecutable(candidate)) {
			return candidate.toAbsolutePath();
		}
		tried.add("go install " + target + ": succeeded but " + candidate + " is not there");
		throw unavailable(tried, target);
	}

	/**
	 * Return the DriftQ-Core module version recorded in a {@code driftqd} executable's Go
	 * build information, as {@code go version -m} prints it. A binary made by
	 * {@code go install module@version} records that version; one built from a checkout
	 * records {@code (devel)}. The server's {@code /v1/version} cannot tell these apart
	 * on its own: it reports only what the build set with {@code -ldflags} (otherwise
	 * {@code dev}).
	 * @param binary the executable
	 * @return the module version, or empty when {@code go} is not on the {@code PATH} or
	 * prints no module line
	 */
	public static Optional<String> moduleVersion(Path binary) {
		DriftqBinary resolver = new DriftqBinary(System.getenv(), System.getProperties());
		Path go = resolver.findOnPath(goName());
		if (go == null) {
			return Optional.empty();
		}
		Result result = resolver.run(List.of(go.toString(), "version", "-m", binary.toString()), GO_ENV_TIMEOUT);
		if (result.exitCode() != 0) {
			return Optional.empty();
		}
		String module = GO_PACKAGE.substring(0, GO_PACKAGE.indexOf("/cmd/"));
		for (String line : result.output().split("\\R")) {
			String[] fields = line.trim().split("\\s+");
			if (fields.length >= 3 && fields[0].equals("mod") && fields[1].equals(module)) {
				return Optional.of(fields[2]);
			}
		}
		return Optional.empty();
	}

	private Path goBinDirectory(@Nullable Path go, List<String> tried) {
		if (go != null) {
			Result result = run(List.of(go.toString(), "env", "GOBIN", "GOPATH"), GO_ENV_TIMEOUT);
			if (result.exitCode() == 0) {
				String[] lines = result.output().split("\\R", -1);
				String goBin = (lines.length > 0) ? lines[0].trim() : "";
				String goPath = (lines.length > 1) ? lines[1].trim() : "";
				if (!goBin.isEmpty()) {
					return Paths.get(goBin);
				}
				if (!goPath.isEmpty()) {
					return Paths.get(goPath.split(File.pathSeparator)[0], "bin");
				}
			}
			else {
				tried.add("go env GOBIN GOPATH: " + result.describe());
			}
		}
		String home = this.environment.get("HOME");
		if (home == null || home.isBlank()) {
			home = this.systemProperties.getProperty("user.home", ".");
		}
		return Paths.get(home, "go", "bin");
	}

	private DriftqBinaryNotFoundException unavailable(List<String> tried, String target) {
		StringBuilder message = new StringBuilder("No driftqd executable found. Tried:");
		for (String attempt : tried) {
			message.append(System.lineSeparator()).append("  - ").append(attempt);
		}
		message.append(System.lineSeparator())
			.append("Set ")
			.append(BIN_ENV)
			.append(" to a driftqd executable, put driftqd on the PATH, or run: go install ")
			.append(target);
		return new DriftqBinaryNotFoundException(message.toString());
	}

	private @Nullable Path findOnPath(String name) {
		String path = this.environment.get("PATH");
		if (path == null || path.isBlank()) {
			return null;
		}
		for (String directory : path.split(File.pathSeparator)) {
			if (directory.isEmpty()) {
				continue;
			}
			Path candidate = Paths.get(directory, name);
			if (isExecutable(candidate)) {
				return candidate.toAbsolutePath();
			}
		}
		return null;
	}

	private Result run(List<String> command, Duration timeout) {
		Path output = null;
		try {
			output = Files.createTempFile("driftq-go-", ".log");
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(output.toFile());
			// Run go with the environment this resolver was given, so tests can control
			// it
			builder.environment().clear();
			builder.environment().putAll(this.environment);
			Process process = builder.start();
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly().waitFor();
				return new Result(-1, "timed out after " + timeout.toSeconds() + "s: " + read(output));
			}
			return new Result(process.exitValue(), read(output));
		}
		catch (IOException ex) {
			return new Result(-1, "could not run " + command.get(0) + ": " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Result(-1, "interrupted");
		}
		finally {
			if (output != null) {
				try {
					Files.deleteIfExists(output);
				}
				catch (IOException ex) {
					// a leftover temp file is harmless
				}
			}
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean isExecutable(Path path) {
		return Files.isRegularFile(path) && Files.isExecutable(path);
	}

	private static boolean isWindows() {
		return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
	}

	private static String executableName() {
		return isWindows() ? "driftqd.exe" : "driftqd";
	}

	private static String goName() {
		return isWindows() ? "go.exe" : "go";
	}

	private record Result(int exitCode, String output) {

		String describe() {
			String text = this.output.strip();
			return "exit " + this.exitCode + (text.isEmpty() ? "" : ": " + text);
		}

	}

}
